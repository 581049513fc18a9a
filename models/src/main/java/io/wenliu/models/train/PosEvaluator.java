package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Part-of-speech accuracy on gold segmentation: the gold words are read from the gold {@code B-}/{@code I-}
 * tags, and each word's predicted tag is the majority type of the predicted tags on its characters (ties:
 * the earliest; decoding within the gold words, as {@link PosTask#devDecoder()} does, gives every word one
 * type anyway). Stateless.
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
                start = end;
            }
        }
        return Map.of("accuracy", words == 0 ? 0 : (double) correct / words, "words", (double) words);
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
