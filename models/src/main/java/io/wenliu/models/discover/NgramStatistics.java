package io.wenliu.models.discover;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Character n-gram counts over Han runs, with the neighbours of the frequent ones.
 *
 * <p>Counted level by level (Apriori): an n-gram is counted only when both its (n-1)-character prefix
 * and suffix occurred at least {@code minCount} times, since it cannot occur more often than either.
 * Memory therefore grows with the number of frequent n-grams, not with all distinct n-grams of the text.
 * A run's start and end count as a neighbour that differs from every other, so a string that often
 * stands alone between punctuation marks is free on that side. Not thread-safe; built once per call.
 */
final class NgramStatistics {
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Neighbours> left = new HashMap<>();
    private final Map<String, Neighbours> right = new HashMap<>();
    private final long characters;

    NgramStatistics(List<HanRun> runs, int maxLength, int minCount) {
        long chars = 0;
        for (HanRun run : runs) {
            chars += run.length();
            for (int i = 0; i < run.length(); i++) {
                counts.merge(run.substring(i, i + 1), 1, Integer::sum);
            }
        }
        characters = chars;
        for (int n = 2; n <= maxLength; n++) {
            Map<String, Integer> level = new HashMap<>();
            for (HanRun run : runs) {
                for (int i = 0; i + n <= run.length(); i++) {
                    if (count(run.substring(i, i + n - 1)) >= minCount && count(run.substring(i + 1, i + n)) >= minCount) {
                        level.merge(run.substring(i, i + n), 1, Integer::sum);
                    }
                }
            }
            level.values().removeIf(c -> c < minCount);
            if (level.isEmpty()) {
                break;
            }
            counts.putAll(level);
        }
        for (HanRun run : runs) {
            for (int i = 0; i < run.length(); i++) {
                for (int n = 2; n <= maxLength && i + n <= run.length(); n++) {
                    String gram = run.substring(i, i + n);
                    if (count(gram) < minCount) {
                        break; // no longer gram starting here is frequent either
                    }
                    left.computeIfAbsent(gram, g -> new Neighbours()).add(i == 0 ? -1 : run.codePoints()[i - 1]);
                    right.computeIfAbsent(gram, g -> new Neighbours()).add(i + n == run.length() ? -1 : run.codePoints()[i + n]);
                }
            }
        }
    }

    /** Han characters counted. */
    long characters() {
        return characters;
    }

    int count(String gram) {
        return counts.getOrDefault(gram, 0);
    }

    /** The n-grams of at least two characters that occurred at least minCount times. */
    Iterable<String> frequentGrams() {
        return left.keySet();
    }

    /** Pointwise mutual information (nats) of the weakest split of {@code gram} into a prefix and a suffix. */
    double cohesion(String gram) {
        double best = Double.POSITIVE_INFINITY;
        double whole = Math.log(count(gram)) + Math.log(characters);
        for (int i = gram.offsetByCodePoints(0, 1); i < gram.length(); i = gram.offsetByCodePoints(i, 1)) {
            double pmi = whole - Math.log(count(gram.substring(0, i))) - Math.log(count(gram.substring(i)));
            best = Math.min(best, pmi);
        }
        return best;
    }

    double leftEntropy(String gram) {
        return left.get(gram).entropy();
    }

    double rightEntropy(String gram) {
        return right.get(gram).entropy();
    }

    /** The characters seen on one side of an n-gram; -1 (a run's edge) is a new neighbour each time. */
    private static final class Neighbours {
        private final Map<Integer, Integer> counts = new HashMap<>(8);
        private int edges;
        private int total;

        void add(int codePoint) {
            total++;
            if (codePoint < 0) {
                edges++;
            } else {
                counts.merge(codePoint, 1, Integer::sum);
            }
        }

        double entropy() {
            double h = edges * Math.log(total) / total;
            for (int c : counts.values()) {
                h -= (double) c / total * Math.log((double) c / total);
            }
            return h;
        }
    }
}
