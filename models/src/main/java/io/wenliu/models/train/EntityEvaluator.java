package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entity-level precision, recall and F1 of BIO-tagged sequences: a predicted entity is correct when
 * its type, start and end all match a gold entity. Reports micro averages ({@code precision},
 * {@code recall}, {@code f1}) and per type ({@code PER.f1}, …). A stray I-X without a B-X opens an
 * entity, as in conlleval.
 */
public final class EntityEvaluator implements TagEvaluator {
    private final LabelSet labels;

    public EntityEvaluator(LabelSet labels) {
        this.labels = labels;
    }

    /** An entity: type and character span [start, end). */
    public record Span(String type, int start, int end) {
    }

    /** The entities spelled by a BIO tag sequence. */
    public static List<Span> spans(int[] tags, LabelSet labels) {
        List<Span> spans = new java.util.ArrayList<>();
        String type = null;
        int start = 0;
        for (int i = 0; i <= tags.length; i++) {
            String tag = i < tags.length ? labels.label(tags[i]) : "O";
            boolean continues = type != null && tag.startsWith("I-") && tag.substring(2).equals(type);
            if (!continues && type != null) {
                spans.add(new Span(type, start, i));
                type = null;
            }
            if (!continues && (tag.startsWith("B-") || tag.startsWith("I-"))) {
                type = tag.substring(2);
                start = i;
            }
        }
        return spans;
    }

    @Override
    public Map<String, Double> evaluate(List<TaggedSequence> gold, List<int[]> predicted) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // type → {correct, gold, predicted}
        long[] total = new long[3];
        for (int i = 0; i < gold.size(); i++) {
            Set<Span> g = new HashSet<>(spans(gold.get(i).tags(), labels));
            Set<Span> p = new HashSet<>(spans(predicted.get(i), labels));
            for (Span s : g) {
                counts.computeIfAbsent(s.type(), k -> new long[3])[1]++;
            }
            for (Span s : p) {
                long[] c = counts.computeIfAbsent(s.type(), k -> new long[3]);
                c[2]++;
                if (g.contains(s)) {
                    c[0]++;
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String type : new TreeSet<>(counts.keySet())) {
            long[] c = counts.get(type);
            put(metrics, type + ".", c);
            for (int k = 0; k < 3; k++) {
                total[k] += c[k];
            }
        }
        put(metrics, "", total);
        metrics.put("entities", (double) total[1]);
        return metrics;
    }

    private static void put(Map<String, Double> metrics, String prefix, long[] c) {
        double precision = c[2] == 0 ? 0 : (double) c[0] / c[2];
        double recall = c[1] == 0 ? 0 : (double) c[0] / c[1];
        metrics.put(prefix + "precision", precision);
        metrics.put(prefix + "recall", recall);
        metrics.put(prefix + "f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    @Override
    public String primaryMetric() {
        return "f1";
    }
}
