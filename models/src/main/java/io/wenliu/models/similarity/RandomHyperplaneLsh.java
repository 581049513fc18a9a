package io.wenliu.models.similarity;

import io.wenliu.models.vectors.EmbeddingSpread;
import java.util.SplittableRandom;

/**
 * Locality-sensitive hashing of unit vectors by random hyperplanes (Charikar's SimHash, 2002).
 *
 * <p>Each of {@code bands × rowsPerBand} hyperplanes through the origin contributes one bit: which
 * side of it a vector lies on. Two vectors at angle θ agree on a bit with probability 1 − θ/π, so
 * they share the {@code rowsPerBand} bits of a band with probability (1 − θ/π)^rows and collide in at
 * least one band with probability 1 − (1 − (1 − θ/π)^rows)^bands: near vectors almost surely meet
 * in some band while most far ones never do. Each band's bits, prefixed with the band number, form
 * a band key; the streaming index routes documents by these keys.
 *
 * <p>Learned embeddings often fill only a narrow cone (all cosines high), where hyperplanes through
 * the origin hardly split the data and buckets grow huge; given the data's {@link EmbeddingSpread},
 * the hyperplanes pass through its mean instead (signs of {@code plane · (v − mean)}). They also vary
 * along a few axes only: bits of normals drawn alike in every direction then mostly measure those axes,
 * the bits of a band agree with each other and its buckets stay big (a third student's 1,700 pipeline
 * documents: 900 bucket members scanned a document). So each normal's component along a principal axis
 * of variance v is scaled by √(f / (v + f)), f = {@value #VARIANCE_FLOOR} × the largest variance: as if
 * the embeddings were whitened above that floor (kexue.fm's BERT-whitening, regularised), only for the
 * hashing: the index still scores true cosines. Measured (docs/BENCHMARKS.md): 2.2× fewer cosines a
 * document on 20,000 reviews, the pairs above the student's minimum score found as before.
 *
 * <p>The hyperplanes (Gaussian components) are drawn from {@code seed}; every instance of the
 * service must use the same seed, dimension, bands, rows and spread, or their keys do not match. Immutable
 * and thread-safe.
 */
public final class RandomHyperplaneLsh {
    /** f as a share of the largest variance: axes of variance well below f keep their weight (chosen on training reviews). */
    static final double VARIANCE_FLOOR = 0.3;

    private final int dimension;
    private final int bands;
    private final int rowsPerBand;
    private final float[][] planes;
    private final float[] center;

    /**
     * @param rowsPerBand bits per band key, 1 to 62
     */
    public RandomHyperplaneLsh(int dimension, int bands, int rowsPerBand, long seed) {
        this(dimension, bands, rowsPerBand, seed, null);
    }

    /**
     * @param rowsPerBand bits per band key, 1 to 62
     * @param spread      where the embeddings lie (the hyperplanes pass through its mean and lean away from its
     *                    axes), or null: through the origin, normals alike in every direction
     */
    public RandomHyperplaneLsh(int dimension, int bands, int rowsPerBand, long seed, EmbeddingSpread spread) {
        if (dimension < 1 || bands < 1 || rowsPerBand < 1 || rowsPerBand > 62) {
            throw new IllegalArgumentException("Need dimension >= 1, bands >= 1 and 1 <= rowsPerBand <= 62; got "
                    + dimension + ", " + bands + ", " + rowsPerBand);
        }
        this.dimension = dimension;
        this.bands = bands;
        this.rowsPerBand = rowsPerBand;
        if (spread != null && spread.dimension() != dimension) {
            throw new IllegalArgumentException("The embedding spread has " + spread.dimension() + " components, expected "
                    + dimension);
        }
        this.center = spread == null ? new float[dimension] : spread.mean().clone();
        SplittableRandom random = new SplittableRandom(seed);
        planes = new float[bands * rowsPerBand][dimension];
        for (float[] plane : planes) {
            for (int i = 0; i < dimension; i++) {
                plane[i] = (float) gaussian(random);
            }
            if (spread != null) {
                leanAwayFromAxes(plane, spread);
            }
        }
    }

    /** Scales the normal's component along each principal axis of variance v by √(f / (v + f)). */
    private static void leanAwayFromAxes(float[] plane, EmbeddingSpread spread) {
        if (spread.axes().length == 0) {
            return;
        }
        double floor = VARIANCE_FLOOR * spread.variances()[0];
        double[] along = new double[spread.axes().length];
        for (int k = 0; k < along.length; k++) {
            float[] axis = spread.axes()[k];
            for (int i = 0; i < plane.length; i++) {
                along[k] += plane[i] * axis[i];
            }
        }
        for (int k = 0; k < along.length; k++) {
            double change = along[k] * (Math.sqrt(floor / (spread.variances()[k] + floor)) - 1);
            float[] axis = spread.axes()[k];
            for (int i = 0; i < plane.length; i++) {
                plane[i] += (float) (change * axis[i]);
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom is reproducible across JVM versions, java.util.Random's nextGaussian too, but slower
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public int dimension() {
        return dimension;
    }

    public int bands() {
        return bands;
    }

    public int rowsPerBand() {
        return rowsPerBand;
    }

    /** The signature bits of each band of {@code vector}: element b holds band b's rowsPerBand bits. */
    public long[] bandSignatures(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("Expected a vector of dimension " + dimension + ", got " + vector.length);
        }
        float[] centered = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            centered[i] = vector[i] - center[i];
        }
        long[] signatures = new long[bands];
        for (int b = 0; b < bands; b++) {
            long bits = 0;
            for (int r = 0; r < rowsPerBand; r++) {
                bits = (bits << 1) | (side(planes[b * rowsPerBand + r], centered) >= 0f ? 1L : 0L);
            }
            signatures[b] = bits;
        }
        return signatures;
    }

    /**
     * The dot product of a plane's normal and a centred vector in four running sums: one sum is a chain of
     * dependent additions the JIT cannot reorder, four keep the multipliers busy (bands × rows × dimension
     * multiply-adds a document: 73,728 with the defaults and 256 dimensions).
     */
    private static float side(float[] plane, float[] centered) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < centered.length; i += 4) {
            s0 += plane[i] * centered[i];
            s1 += plane[i + 1] * centered[i + 1];
            s2 += plane[i + 2] * centered[i + 2];
            s3 += plane[i + 3] * centered[i + 3];
        }
        for (; i < centered.length; i++) {
            s0 += plane[i] * centered[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Band keys such as {@code "3:5f1a"}: the band number and its bits in hex. Equal keys mean a collision. */
    public String[] bandKeys(float[] vector) {
        long[] signatures = bandSignatures(vector);
        String[] keys = new String[bands];
        for (int b = 0; b < bands; b++) {
            keys[b] = b + ":" + Long.toHexString(signatures[b]);
        }
        return keys;
    }

    /**
     * Probability that two vectors with cosine similarity {@code cosine} share at least one band key
     * (exact for hyperplanes through the origin alike in every direction; with a spread, the angle seen from its
     * mean, with its axes shrunk, counts).
     */
    public double collisionProbability(double cosine) {
        double agree = 1.0 - Math.acos(Math.max(-1.0, Math.min(1.0, cosine))) / Math.PI;
        return 1.0 - Math.pow(1.0 - Math.pow(agree, rowsPerBand), bands);
    }
}
