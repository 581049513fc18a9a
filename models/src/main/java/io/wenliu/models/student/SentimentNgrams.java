package io.wenliu.models.student;

import io.wenliu.models.bert.HalfPrecisionWeights;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A linear model over the character n-grams of a whole text, trained as NBSVM (Wang and Manning 2012, "Baselines and
 * Bigrams", with the logistic loss): each distinct 1- to {@code maxOrder}-gram of the text, hashed into a fixed table,
 * adds its weight to a log-odds that the text is positive. The student's sentiment head averages its probability with
 * the network's ({@link #combine}, in {@code StudentModel}): the network reads a review 128 characters at a time through a few convolutions, the
 * n-grams weigh every phrase of the whole review at once, and the two err on different reviews.
 *
 * <p>File {@value #FILE} in the student artifact: the magic {@code WLNG}, a format version, the number of buckets, the
 * highest order and the bias, then every bucket's weight in half precision. Immutable and thread-safe.
 */
public final class SentimentNgrams {
    /** Where the table lies in a student artifact. */
    public static final String FILE = "sentiment/ngrams.f16";
    private static final int MAGIC = 0x574c4e47;
    private static final int FORMAT = 1;

    private final int maxOrder;
    private final float bias;
    private final float[] weights;

    /**
     * @param maxOrder the longest n-gram, in code points
     * @param bias     the log-odds of a text without n-grams
     * @param weights  one per bucket; a power of two of them
     */
    public SentimentNgrams(int maxOrder, float bias, float[] weights) {
        if (maxOrder < 1 || Integer.bitCount(weights.length) != 1) {
            throw new IllegalArgumentException("Need an order of at least 1 and a power of two of buckets, got order "
                    + maxOrder + " and " + weights.length + " buckets");
        }
        this.maxOrder = maxOrder;
        this.bias = bias;
        this.weights = weights;
    }

    /**
     * The table in {@code artifact}'s {@value #FILE}, if it has one.
     *
     * @throws IllegalStateException when the file cannot be read or is not such a table
     */
    public static Optional<SentimentNgrams> read(Path artifact) {
        Path file = artifact.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IllegalStateException(file.toAbsolutePath() + " is not a Wenliu n-gram table of format " + FORMAT
                        + "; retrain it with 'wenliu train student-ngrams'");
            }
            float[] weights = new float[in.readInt()];
            int maxOrder = in.readInt();
            float bias = in.readFloat();
            for (int j = 0; j < weights.length; j++) {
                weights[j] = HalfPrecisionWeights.toFloat(in.readShort());
            }
            return Optional.of(new SentimentNgrams(maxOrder, bias, weights));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Writes this table as {@code artifact}'s {@value #FILE}. */
    public void write(Path artifact) throws IOException {
        Path file = artifact.resolve(FILE);
        Files.createDirectories(file.getParent());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(weights.length);
            out.writeInt(maxOrder);
            out.writeFloat(bias);
            for (float w : weights) {
                out.writeShort(HalfPrecisionWeights.toHalf(w));
            }
        }
    }

    /** The log-odds that the text of {@code codePoints} (normalized as the student reads it) is positive. */
    public float logit(int[] codePoints) {
        double sum = bias;
        for (int bucket : features(codePoints, maxOrder, weights.length)) {
            sum += weights[bucket];
        }
        return (float) sum;
    }

    /**
     * The sentiment head's log-odds from the network's and the n-grams': that of the mean of their probabilities. The mean
     * of probabilities, not of log-odds, so that neither can outvote the other by its size alone: the n-grams' sum grows
     * with a text's length and is sure of itself on text unlike the reviews it learnt from (news of 1,000 characters:
     * log-odds above 8 where the network says 1.4).
     */
    public static float combine(float networkLogit, float ngramLogit) {
        double p = (sigmoid(networkLogit) + sigmoid(ngramLogit)) / 2;
        return (float) Math.log(p / (1 - p));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    public int maxOrder() {
        return maxOrder;
    }

    public int buckets() {
        return weights.length;
    }

    /**
     * The buckets of the distinct 1- to {@code maxOrder}-grams of {@code codePoints}, ascending: each n-gram's 64-bit
     * FNV-1a hash (extended one code point at a time, so a gram's hash continues its prefix's), mixed and masked.
     *
     * @param buckets a power of two
     */
    public static int[] features(int[] codePoints, int maxOrder, int buckets) {
        int[] found = new int[codePoints.length * maxOrder];
        int n = 0;
        for (int i = 0; i < codePoints.length; i++) {
            long h = 0xcbf29ce484222325L;
            for (int k = 0; k < maxOrder && i + k < codePoints.length; k++) {
                h = (h ^ codePoints[i + k]) * 0x100000001b3L;
                found[n++] = (int) (mix(h) & (buckets - 1));
            }
        }
        Arrays.sort(found, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || found[i] != found[distinct - 1]) {
                found[distinct++] = found[i];
            }
        }
        return Arrays.copyOf(found, distinct);
    }

    /** SplitMix64's finalizer: spreads FNV's low bits, which the mask keeps. */
    private static long mix(long h) {
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
