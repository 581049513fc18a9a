package io.wenliu.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads word-segmented sentences from the corpus formats in the shared datasets.
 *
 * <ul>
 *   <li>{@link Format#WORDTAG}: {@code msra_ner/*.wordtag.txt}, one sentence per line of
 *       {@code word/tag} tokens separated by spaces (MSR segmentation convention);</li>
 *   <li>{@link Format#BAKEOFF}: SIGHAN bakeoff style ({@code sxu_cws}), words separated by spaces;</li>
 *   <li>{@link Format#CONLL}: CoNLL-U ({@code ud_chinese_pos}), column 2 is the word, column 5 its
 *       XPOS tag, a blank line ends a sentence.</li>
 * </ul>
 * Stateless; the readers load a whole file (the corpora are a few MB).
 */
public final class SegmentedCorpus {

    /** A file layout of segmented text. */
    public enum Format {
        WORDTAG, BAKEOFF, CONLL;

        /** Guesses the format from a file name: {@code .wordtag.txt}, {@code .conll}, else bakeoff. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".wordtag.txt")) {
                return WORDTAG;
            }
            if (name.endsWith(".conll") || name.endsWith(".conllu")) {
                return CONLL;
            }
            return BAKEOFF;
        }
    }

    /** One sentence: its words and, where the corpus has them, one tag per word (else null). */
    public record Sentence(List<String> words, List<String> tags) {
        public Sentence {
            words = List.copyOf(words);
            tags = tags == null ? null : List.copyOf(tags);
        }

        public String text() {
            return String.join("", words);
        }
    }

    private SegmentedCorpus() {
    }

    /** Reads every non-empty sentence of {@code file} in the format its name suggests. */
    public static List<Sentence> read(Path file) {
        return read(file, Format.of(file));
    }

    public static List<Sentence> read(Path file, Format format) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Sentence> sentences = new ArrayList<>();
            if (format == Format.CONLL) {
                readConll(reader, sentences);
            } else {
                String line;
                while ((line = reader.readLine()) != null) {
                    Sentence s = format == Format.WORDTAG ? parseWordTag(line) : parseBakeoff(line);
                    if (!s.words().isEmpty()) {
                        sentences.add(s);
                    }
                }
            }
            return sentences;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read corpus " + file + "; set --data or wenliu.datasets.dir", e);
        }
    }

    static Sentence parseBakeoff(String line) {
        return new Sentence(Arrays.stream(line.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList(), null);
    }

    static Sentence parseWordTag(String line) {
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String token : line.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int slash = token.lastIndexOf('/');
            if (slash <= 0) { // no tag: keep the token as a word
                words.add(token);
                tags.add("o");
            } else {
                words.add(token.substring(0, slash));
                tags.add(token.substring(slash + 1));
            }
        }
        return new Sentence(words, tags);
    }

    private static void readConll(BufferedReader reader, List<Sentence> out) throws IOException {
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                if (!words.isEmpty()) {
                    out.add(new Sentence(words, tags));
                    words = new ArrayList<>();
                    tags = new ArrayList<>();
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 5 || cols[0].contains("-") || cols[0].contains(".")) {
                continue; // multi-word token ranges and empty nodes carry no characters of their own
            }
            words.add(cols[1]);
            tags.add(cols[4]);
        }
        if (!words.isEmpty()) {
            out.add(new Sentence(words, tags));
        }
    }
}
