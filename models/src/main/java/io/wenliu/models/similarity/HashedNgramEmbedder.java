package io.wenliu.models.similarity;

import io.wenliu.models.vectors.UnitVectors;

/**
 * A model-free sentence embedding: the character 1-, 2- and 3-grams of the text (by code point),
 * feature-hashed with random signs into {@code dimension} components (Weinberger et al., 2009), then
 * L2-normalised. Texts sharing many character n-grams get a high cosine, so near-duplicates are
 * close; paraphrases with different wording are not. Used as a baseline, in benchmarks of the
 * streaming index and in tests; the trained encoder replaces it in production.
 * Immutable and thread-safe.
 */
public final class HashedNgramEmbedder {
    private static final int MAX_ORDER = 3;
    private final int dimension;

    public HashedNgramEmbedder(int dimension) {
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension must be at least 2, got " + dimension);
        }
        this.dimension = dimension;
    }

    public int dimension() {
        return dimension;
    }

    /**
     * The embedding of {@code text}; a text without any non-whitespace character maps to a fixed
     * unit vector (the first axis), so every text has a direction.
     */
    public float[] embed(String text) {
        int[] codePoints = text.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
        float[] vector = new float[dimension];
        for (int order = 1; order <= MAX_ORDER; order++) {
            float weight = order; // longer n-grams say more about wording
            for (int start = 0; start + order <= codePoints.length; start++) {
                long hash = 0x9E3779B97F4A7C15L * order;
                for (int i = start; i < start + order; i++) {
                    hash = mix(hash ^ codePoints[i]);
                }
                int bucket = (int) Math.floorMod(hash, (long) dimension);
                vector[bucket] += (hash >>> 63) == 0 ? weight : -weight;
            }
        }
        boolean zero = true;
        for (float x : vector) {
            zero &= x == 0f;
        }
        if (zero) {
            vector[0] = 1f;
            return vector;
        }
        return UnitVectors.normalize(vector);
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
