package io.wenliu.models.similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled sentence pairs from the shared similarity data sets, as TSV with a header:
 * {@code sentence1, sentence2, label} (bq_corpus, atec, lcqmc; label 1 = same meaning) or
 * {@code id, sentence1, sentence2, score} (chinese_stsb; score 0–5). Immutable.
 *
 * @param name  the data set and split, e.g. {@code bq_corpus/dev}
 * @param pairs the pairs in file order
 */
public record SentencePairs(String name, List<Pair> pairs) {
    /** Graded similarity a binary "same meaning" label stands for. */
    public static final float SAME = 5f;

    /**
     * One pair.
     *
     * @param grade similarity grade in [0, 5]: an STS score, or 0 / {@link #SAME} for binary labels
     */
    public record Pair(String first, String second, float grade) {
        /** Same meaning: label 1, or an STS score of at least 4. */
        public boolean paraphrase() {
            return grade >= 4f;
        }
    }

    public SentencePairs {
        pairs = List.copyOf(pairs);
    }

    /**
     * Reads {@code <datasets>/<dataset>/<split>.tsv}.
     *
     * @throws UncheckedIOException naming the file if it cannot be read or a line is malformed
     */
    public static SentencePairs read(Path datasets, String dataset, String split) {
        Path file = datasets.resolve(dataset).resolve(split + ".tsv");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + "; set wenliu.datasets.dir (or WENLIU_DATASETS_DIR) "
                    + "to the folder holding " + dataset + "/", e);
        }
        if (lines.isEmpty()) {
            throw new UncheckedIOException(new IOException(file + " is empty; expected a header line"));
        }
        boolean graded = lines.get(0).startsWith("id\t");
        List<Pair> pairs = new ArrayList<>(lines.size());
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            try {
                if (graded) {
                    pairs.add(new Pair(fields[1], fields[2], Float.parseFloat(fields[3])));
                } else {
                    pairs.add(new Pair(fields[0], fields[1], Integer.parseInt(fields[2].strip()) == 1 ? SAME : 0f));
                }
            } catch (RuntimeException e) {
                throw new UncheckedIOException(new IOException(file + " line " + (n + 1) + " is not a labelled pair: '"
                        + line + "'", e));
            }
        }
        return new SentencePairs(dataset + "/" + split, pairs);
    }

    /** Binary labels: grade ≥ 4. */
    public boolean[] labels() {
        boolean[] labels = new boolean[pairs.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = pairs.get(i).paraphrase();
        }
        return labels;
    }

    public float[] grades() {
        float[] grades = new float[pairs.size()];
        for (int i = 0; i < grades.length; i++) {
            grades[i] = pairs.get(i).grade();
        }
        return grades;
    }

    public int size() {
        return pairs.size();
    }
}
