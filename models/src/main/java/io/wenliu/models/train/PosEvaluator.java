package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Part-of-speech accuracy on gold segmentation: the gold words are read from the gold {@code B-}/{@code I-}
 * tags, and each word's predicted tag is the majority type of the predicted tags on its characters (ties:
 * the earliest). Also reports the word F1 of the boundaries the predicted tags imply. Stateless.
 */
public final class PosEvaluator implements TagEvaluator {
    private final LabelSet labels;

    public PosEvaluator(LabelSet labels) {
        this.labels = labels;
    }

    @Override
    public Map<String, Double> evaluate(List<TaggedSequence> gold, List<int[]> predicted) {
        long words = 0;
        long correct = 0;
        long goldWords = 0;
        long predictedWords = 0;
        long matchedWords = 0;
        for (int s = 0; s < gold.size(); s++) {
            int[] g = gold.get(s).tags();
            int[] p = predicted.get(s);
            int start = 0;
            while (start < g.length) {
                int end = start + 1;
                while (end < g.length && labels.label(g[end]).startsWith("I-")) {
                    end++;
                }
                words++;
                if (majorityType(p, start, end).equals(type(g[start]))) {
                    correct++;
                }
                goldWords++;
                boolean predictedSame = labels.label(p[start]).startsWith("B-") || start == 0;
                for (int i = start + 1; i < end && predictedSame; i++) {
                    predictedSame = labels.label(p[i]).startsWith("I-");
                }
                if (predictedSame && (end == g.length || labels.label(p[end]).startsWith("B-"))) {
                    matchedWords++;
                }
                start = end;
            }
            for (int i = 0; i < p.length; i++) {
                if (i == 0 || labels.label(p[i]).startsWith("B-")) {
                    predictedWords++;
                }
            }
        }
        double precision = predictedWords == 0 ? 0 : (double) matchedWords / predictedWords;
        double recall = goldWords == 0 ? 0 : (double) matchedWords / goldWords;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return Map.of("accuracy", words == 0 ? 0 : (double) correct / words, "words", (double) words,
                "segmentationF1", f1);
    }

    @Override
    public String primaryMetric() {
        return "accuracy";
    }

    /** The most frequent type among the tags in [start, end); ties go to the earliest. */
    String majorityType(int[] tags, int start, int end) {
        Map<String, Integer> counts = new HashMap<>();
        String best = type(tags[start]);
        int bestCount = 0;
        for (int i = start; i < end; i++) {
            String t = type(tags[i]);
            int c = counts.merge(t, 1, Integer::sum);
            if (c > bestCount) {
                best = t;
                bestCount = c;
            }
        }
        return best;
    }

    private String type(int tag) {
        String label = labels.label(tag);
        return label.substring(label.indexOf('-') + 1);
    }
}
