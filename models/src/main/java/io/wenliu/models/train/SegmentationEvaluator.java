package io.wenliu.models.train;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.data.TaggedSequence;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Word-level precision, recall and F1 of BMES-tagged sequences: a predicted word counts as correct
 * when its start and end character positions both match a gold word (the SIGHAN bakeoff measure).
 */
public final class SegmentationEvaluator implements TagEvaluator {
    public static final String F1 = "f1";

    @Override
    public Map<String, Double> evaluate(List<TaggedSequence> gold, List<int[]> predicted) {
        long correct = 0;
        long goldWords = 0;
        long predictedWords = 0;
        for (int i = 0; i < gold.size(); i++) {
            Set<Long> goldSpans = spans(gold.get(i).tags());
            Set<Long> predictedSpans = spans(predicted.get(i));
            goldWords += goldSpans.size();
            predictedWords += predictedSpans.size();
            predictedSpans.retainAll(goldSpans);
            correct += predictedSpans.size();
        }
        double precision = predictedWords == 0 ? 0 : (double) correct / predictedWords;
        double recall = goldWords == 0 ? 0 : (double) correct / goldWords;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return Map.of("precision", precision, "recall", recall, F1, f1, "words", (double) goldWords);
    }

    @Override
    public String primaryMetric() {
        return F1;
    }

    private static Set<Long> spans(int[] tags) {
        Set<Long> spans = new HashSet<>();
        for (int[] span : BmesEncoder.wordSpans(tags)) {
            spans.add(((long) span[0] << 32) | span[1]);
        }
        return spans;
    }
}
