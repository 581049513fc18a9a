package io.wenliu.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL-U style treebanks ({@code ud_chinese_pos/*.conll}): ten tab-separated columns per word,
 * a blank line after each sentence, {@code #} comment lines. Multi-word token ranges ({@code 1-2})
 * and empty nodes ({@code 1.1}) are skipped. Stateless.
 */
public final class ConllCorpus {

    /** One word and its universal part-of-speech tag (column 4). */
    public record TaggedWord(String word, String pos) {
    }

    private ConllCorpus() {
    }

    public static List<List<TaggedWord>> read(Path file) {
        List<List<TaggedWord>> sentences = new ArrayList<>();
        List<TaggedWord> sentence = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    if (!sentence.isEmpty()) {
                        sentences.add(sentence);
                        sentence = new ArrayList<>();
                    }
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 4) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected 10 tab-separated columns, got '" + line + "'");
                }
                if (cols[0].contains("-") || cols[0].contains(".")) {
                    continue;
                }
                sentence.add(new TaggedWord(cols[1], cols[3]));
            }
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
            return sentences;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read treebank " + file, e);
        }
    }
}
