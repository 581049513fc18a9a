package io.wenliu.models.similarity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Scores of a similarity model on labelled sentence pairs: accuracy at a cosine threshold (label 1
 * when cosine ≥ threshold), the threshold that maximises accuracy, and Spearman's rank correlation
 * with graded scores. Stateless and thread-safe.
 */
public final class PairMetrics {
    private PairMetrics() {
    }

    /** A decision threshold and the accuracy it reaches. */
    public record Threshold(float threshold, double accuracy) {
    }

    /** Fraction of pairs whose label equals {@code cosine >= threshold}. */
    public static double accuracy(float[] cosines, boolean[] labels, float threshold) {
        int correct = 0;
        for (int i = 0; i < cosines.length; i++) {
            if ((cosines[i] >= threshold) == labels[i]) {
                correct++;
            }
        }
        return cosines.length == 0 ? 0 : (double) correct / cosines.length;
    }

    /**
     * The threshold with the highest accuracy on these pairs, midway between two adjacent
     * cosines so that it generalises a little better than an observed value.
     */
    public static Threshold bestThreshold(float[] cosines, boolean[] labels) {
        Integer[] order = IntStream.range(0, cosines.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> cosines[i]));
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        // threshold below everything: all predicted positive
        int correct = positives;
        int bestCorrect = correct;
        float best = cosines.length == 0 ? 0f : cosines[order[0]] - 1e-4f;
        for (int k = 0; k < order.length; k++) {
            correct += labels[order[k]] ? -1 : 1; // pair k falls below the threshold
            if (k + 1 < order.length && cosines[order[k + 1]] == cosines[order[k]]) {
                continue; // a threshold cannot separate equal cosines
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = k + 1 < order.length ? (cosines[order[k]] + cosines[order[k + 1]]) / 2f : cosines[order[k]] + 1e-4f;
            }
        }
        return new Threshold(best, cosines.length == 0 ? 0 : (double) bestCorrect / cosines.length);
    }

    /** Spearman's rank correlation (average ranks for ties). */
    public static double spearman(float[] x, float[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElse(0);
        double my = Arrays.stream(ry).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(float[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }
}
