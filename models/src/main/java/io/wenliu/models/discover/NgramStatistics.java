package io.wenliu.models.discover;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Character n-gram counts over Han runs, with the neighbours of the frequent ones.
 *
 * <p>Counted level by level (Apriori): an n-gram is counted only when both its (n-1)-character prefix
 * and suffix occurred at least {@code minCount} times, since it cannot occur more often than either.
 * Memory therefore grows with the number of frequent n-grams, not with all distinct n-grams of the text;
 * neighbours are counted only for the grams the caller still considers ({@link #countNeighbours}).
 * A run's start and end count as a neighbour that differs from every other, so a string that often
 * stands alone between punctuation marks is free on that side. Not thread-safe; built once per call.
 */
final class NgramStatistics {
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Neighbours> left = new HashMap<>();
    private final Map<String, Neighbours> right = new HashMap<>();
    private final long characters;
    /** Per run and position, the length of the longest frequent n-gram starting there (0: none). */
    private final List<byte[]> longest = new ArrayList<>();

    NgramStatistics(List<HanRun> runs, int maxLength, int minCount) {
        long chars = 0;
        for (HanRun run : runs) {
            chars += run.length();
            for (int i = 0; i < run.length(); i++) {
                counts.merge(run.substring(i, i + 1), 1, Integer::sum);
            }
        }
        characters = chars;
        for (HanRun run : runs) {
            byte[] lengths = new byte[run.length()];
            for (int i = 0; i < run.length(); i++) {
                lengths[i] = (byte) (count(run.substring(i, i + 1)) >= minCount ? 1 : 0);
            }
            longest.add(lengths);
        }
        for (int n = 2; n <= maxLength; n++) {
            Map<String, Integer> level = new HashMap<>();
            for (int r = 0; r < runs.size(); r++) {
                HanRun run = runs.get(r);
                byte[] lengths = longest.get(r);
                for (int i = 0; i + n <= run.length(); i++) {
                    if (lengths[i] >= n - 1 && lengths[i + 1] >= n - 1) { // prefix and suffix frequent
                        level.merge(run.substring(i, i + n), 1, Integer::sum);
                    }
                }
            }
            level.values().removeIf(c -> c < minCount);
            if (level.isEmpty()) {
                break;
            }
            for (int r = 0; r < runs.size(); r++) {
                HanRun run = runs.get(r);
                byte[] lengths = longest.get(r);
                for (int i = 0; i + n <= run.length(); i++) {
                    if (lengths[i] == n - 1 && lengths[i + 1] >= n - 1 && level.containsKey(run.substring(i, i + n))) {
                        lengths[i] = (byte) n;
                    }
                }
            }
            counts.putAll(level);
        }
    }

    /**
     * Counts the neighbours of {@code grams} (frequent n-grams of the same runs): call once, with the grams that passed
     * the cheaper tests, so that neighbour tables are built only for them.
     */
    void countNeighbours(List<HanRun> runs, Set<String> grams, int maxLength) {
        for (String gram : grams) {
            left.put(gram, new Neighbours());
            right.put(gram, new Neighbours());
        }
        for (int r = 0; r < runs.size(); r++) {
            HanRun run = runs.get(r);
            byte[] lengths = longest.get(r);
            for (int i = 0; i < run.length(); i++) {
                for (int n = 2; n <= lengths[i]; n++) {
                    Neighbours before = left.get(run.substring(i, i + n));
                    if (before == null) {
                        continue;
                    }
                    before.add(i == 0 ? -1 : run.codePoints()[i - 1]);
                    right.get(run.substring(i, i + n)).add(i + n == run.length() ? -1 : run.codePoints()[i + n]);
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
    List<String> frequentGrams() {
        return counts.keySet().stream().filter(g -> g.codePointCount(0, g.length()) > 1).toList();
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
