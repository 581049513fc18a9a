package io.wenliu.models.train.student;

import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.text.SentenceChunker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The unlabelled text distillation draws from: the texts of the <em>training</em> splits of every corpus under
 * the datasets folder (never a dev split), labels dropped, deduplicated, then a seeded sample cut at sentence
 * ends into pieces the student takes whole. Each file's layout is known by its format ({@link Format}); a file
 * that is not there is skipped (the datasets folder need not hold every corpus). Stateless.
 */
public final class UnlabelledPool {

    /** How a training file holds its texts. */
    enum Format {
        /** A TSV with a header row: the columns {@code text}, {@code sentence1}, {@code sentence2} are texts. */
        TSV,
        /** One character per line (its first code point), a blank line between sentences (BIO, BMES, Weibo's CoNLL). */
        CHARACTER_LINES,
        /** CoNLL-U: the FORM column of each word line, a blank line between sentences. */
        CONLLU,
        /** One sentence per line, words separated by spaces, each word optionally followed by {@code _TAG}. */
        WORD_LINES
    }

    /** The training files of the corpora under the datasets folder, with their formats. */
    static final Map<String, Format> TRAINING_FILES = Map.ofEntries(
            Map.entry("msra_ner/train.bio", Format.CHARACTER_LINES),
            Map.entry("cluener2020/train.bio", Format.CHARACTER_LINES),
            Map.entry("resume_ner/train.bmes", Format.CHARACTER_LINES),
            Map.entry("weibo_ner/train.conll", Format.CHARACTER_LINES),
            Map.entry("ud_chinese_pos/train.conll", Format.CONLLU),
            Map.entry("zhuxian_pos/train.txt", Format.WORD_LINES),
            Map.entry("sxu_cws/train.txt", Format.WORD_LINES),
            Map.entry("sighan2005_cws/msr_training_words.utf8", Format.WORD_LINES),
            Map.entry("sighan2005_cws/pku_training_words.utf8", Format.WORD_LINES),
            Map.entry("chnsenticorp/train.tsv", Format.TSV),
            Map.entry("chnsenticorp_htl_all/train.tsv", Format.TSV),
            Map.entry("online_shopping_10_cats/train.tsv", Format.TSV),
            Map.entry("waimai_10k/train.tsv", Format.TSV),
            Map.entry("atec/train.tsv", Format.TSV),
            Map.entry("bq_corpus/train.tsv", Format.TSV),
            Map.entry("chinese_stsb/train.tsv", Format.TSV));

    private static final Set<String> TEXT_COLUMNS = Set.of("text", "sentence1", "sentence2");

    private UnlabelledPool() {
    }

    /** Every training text under {@code datasets}, deduplicated, in a fixed order (files sorted by path). */
    public static List<String> read(Path datasets) {
        return read(datasets, corpora());
    }

    /** The corpora (folders under the datasets folder) whose training texts the pool knows. */
    public static Set<String> corpora() {
        return TRAINING_FILES.keySet().stream().map(UnlabelledPool::corpus).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The training texts of {@code corpora} only (say, the question corpora, for a cache of one teacher's answers on
     * sentences of that kind), as {@link #read(Path)} reads them.
     *
     * @throws IllegalArgumentException when a corpus is not one of {@link #corpora()}
     */
    public static List<String> read(Path datasets, Set<String> corpora) {
        Set<String> unknown = new TreeSet<>(corpora);
        unknown.removeAll(corpora());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown corpora " + unknown + "; known: " + corpora());
        }
        Set<String> texts = new LinkedHashSet<>();
        TRAINING_FILES.keySet().stream().filter(file -> corpora.contains(corpus(file))).sorted().forEach(file -> {
            Path path = datasets.resolve(file);
            if (Files.isRegularFile(path)) {
                texts.addAll(read(path, TRAINING_FILES.get(file)));
            }
        });
        texts.removeIf(String::isBlank);
        return List.copyOf(texts);
    }

    private static String corpus(String trainingFile) {
        return trainingFile.substring(0, trainingFile.indexOf('/'));
    }

    static List<String> read(Path file, Format format) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> texts = new ArrayList<>();
            StringBuilder sentence = new StringBuilder();
            int[] columns = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (format) {
                    case TSV -> {
                        String[] cells = line.split("\t", -1);
                        if (columns == null) {
                            columns = textColumns(cells);
                        } else {
                            for (int c : columns) {
                                if (c < cells.length) {
                                    texts.add(cells[c].strip());
                                }
                            }
                        }
                    }
                    case CHARACTER_LINES, CONLLU -> {
                        String stripped = line.strip();
                        if (stripped.isEmpty()) {
                            flush(sentence, texts);
                        } else if (format == Format.CHARACTER_LINES) {
                            sentence.appendCodePoint(stripped.codePointAt(0));
                        } else if (!stripped.startsWith("#")) {
                            String[] cells = stripped.split("\t");
                            if (cells.length > 1 && cells[0].matches("\\d+")) { // not a multi-word range or empty node
                                sentence.append(cells[1]);
                            }
                        }
                    }
                    case WORD_LINES -> {
                        for (String word : line.strip().split("\\s+")) {
                            int tag = word.lastIndexOf('_');
                            sentence.append(tag > 0 ? word.substring(0, tag) : word);
                        }
                        flush(sentence, texts);
                    }
                }
            }
            flush(sentence, texts);
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the training texts of " + file, e);
        }
    }

    private static int[] textColumns(String[] header) {
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (TEXT_COLUMNS.contains(header[c].strip())) {
                columns.add(c);
            }
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void flush(StringBuilder sentence, List<String> texts) {
        if (!sentence.isEmpty()) {
            texts.add(sentence.toString());
            sentence.setLength(0);
        }
    }

    /**
     * A seeded sample of {@code texts} cut into pieces: the texts shuffled by {@code seed}, each cut
     * ({@link #pieces}), pieces taken until they hold {@code maxCharacters} normalized characters (0: all).
     */
    public static List<String> sample(List<String> texts, long seed, long maxCharacters, int maxPieceLength) {
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(seed));
        List<String> pieces = new ArrayList<>();
        long characters = 0;
        for (String text : shuffled) {
            for (String piece : pieces(text, maxPieceLength)) {
                if (maxCharacters > 0 && characters >= maxCharacters) {
                    return pieces;
                }
                pieces.add(piece);
                characters += NormalizedText.of(piece).length();
            }
        }
        return pieces;
    }

    /**
     * {@code text} cut at sentence ends into pieces of at most {@code maxLength} normalized characters, never inside
     * an atomic run ({@link SentenceChunker}), each piece the original text of its positions; none when the text
     * has no character left once normalized.
     */
    public static List<String> pieces(String text, int maxLength) {
        NormalizedText normalized = NormalizedText.of(text);
        int n = normalized.length();
        if (n == 0) {
            return List.of();
        }
        if (n <= maxLength) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        for (int[] chunk : SentenceChunker.chunks(normalized, maxLength)) {
            pieces.add(text.substring(normalized.start(chunk[0]), normalized.end(chunk[1] - 1)));
        }
        return pieces;
    }
}
