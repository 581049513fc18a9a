package io.wenliu.models.vectors;

/**
 * Arithmetic on embedding vectors, which Wenliu keeps L2-normalised so that a dot product is a
 * cosine similarity. Stateless and thread-safe.
 */
public final class UnitVectors {
    private UnitVectors() {
    }

    /** The dot product; the cosine similarity when both vectors are L2-normalised. */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vectors of different dimensions: " + a.length + " and " + b.length);
        }
        float sum = 0f;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * Scales {@code v} in place to unit length.
     *
     * @return {@code v}
     * @throws IllegalArgumentException if {@code v} is zero or not finite: it has no direction
     */
    public static float[] normalize(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        if (!(squares > 0) || Double.isInfinite(squares)) {
            throw new IllegalArgumentException("Cannot normalise a vector of squared norm " + squares);
        }
        float scale = (float) (1.0 / Math.sqrt(squares));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** True if {@code v} has the given dimension, finite components and a norm within 1e-3 of 1. */
    public static boolean isUnit(float[] v, int dimension) {
        if (v == null || v.length != dimension) {
            return false;
        }
        double squares = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
            squares += (double) x * x;
        }
        return Math.abs(Math.sqrt(squares) - 1.0) < 1e-3;
    }
}
