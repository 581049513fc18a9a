package io.wenliu.models.crf;

/**
 * Posterior probabilities of a linear-chain CRF over one sequence, by the forward-backward algorithm
 * in plain Java: the probability that a position carries a tag, and that a run of positions carries
 * an exact tag path.
 *
 * <p>The distribution is the one the trainer's loss defines: a path's probability is
 * {@code exp(score(path) - log Z)}, where {@code score} sums emissions and transitions (as
 * {@link CrfDecoder} does) and {@code Z} sums {@code exp(score)} over <em>every</em> tag path, none
 * excluded (the CRF was trained without structural constraints). Sums run in log space in double
 * precision, so long sequences neither overflow nor underflow.
 *
 * <p>{@link #of} costs {@code O(length × tags²)} time and keeps two {@code length × tags} tables;
 * queries then cost {@code O(path length)}. Immutable and thread-safe once built.
 */
public final class CrfMarginals {
    private final float[] emissions;
    private final int offset;
    private final int length;
    private final float[] transitions;
    private final int tags;
    /** alpha[t × tags + k]: log-sum of the scores of all paths over [0, t] that end in k at t (emission at t included). */
    private final double[] alpha;
    /** beta[t × tags + k]: log-sum of the scores of all paths over (t, length) given tag k at t. */
    private final double[] beta;
    private final double logPartition;

    private CrfMarginals(float[] emissions, int offset, int length, float[] transitions, int tags) {
        this.emissions = emissions;
        this.offset = offset;
        this.length = length;
        this.transitions = transitions;
        this.tags = tags;
        this.alpha = new double[length * tags];
        this.beta = new double[length * tags];
        this.logPartition = length == 0 ? 0 : forwardBackward();
    }

    /**
     * Runs forward-backward over one sequence's scores. The arrays are read, not copied: do not
     * change them while this object is in use.
     *
     * @param emissions   row-major {@code [position][tag]} scores; this sequence's rows start at {@code offset}
     * @param length      number of positions
     * @param transitions {@code [from × tags + to]}
     */
    public static CrfMarginals of(float[] emissions, int offset, int length, float[] transitions, int tags) {
        if (tags < 1 || transitions.length != tags * tags) {
            throw new IllegalArgumentException("Expected " + tags + " × " + tags + " transition scores, got "
                    + transitions.length);
        }
        if (offset < 0 || length < 0 || offset + (long) length * tags > emissions.length) {
            throw new IllegalArgumentException("Emissions hold " + emissions.length + " scores, not " + length
                    + " positions × " + tags + " tags from " + offset);
        }
        return new CrfMarginals(emissions, offset, length, transitions, tags);
    }

    private double forwardBackward() {
        double[] terms = new double[tags];
        for (int k = 0; k < tags; k++) {
            alpha[k] = emission(0, k);
        }
        for (int t = 1; t < length; t++) {
            for (int j = 0; j < tags; j++) {
                for (int i = 0; i < tags; i++) {
                    terms[i] = alpha[(t - 1) * tags + i] + transitions[i * tags + j];
                }
                alpha[t * tags + j] = logSumExp(terms) + emission(t, j);
            }
        }
        // beta of the last position is log 1 = 0 (array default)
        for (int t = length - 2; t >= 0; t--) {
            for (int i = 0; i < tags; i++) {
                for (int j = 0; j < tags; j++) {
                    terms[j] = transitions[i * tags + j] + emission(t + 1, j) + beta[(t + 1) * tags + j];
                }
                beta[t * tags + i] = logSumExp(terms);
            }
        }
        System.arraycopy(alpha, (length - 1) * tags, terms, 0, tags);
        return logSumExp(terms);
    }

    public int length() {
        return length;
    }

    public int tags() {
        return tags;
    }

    /** {@code log Z}: the log-sum of the exponentiated scores of all tag paths (0 for an empty sequence). */
    public double logPartition() {
        return logPartition;
    }

    /** The probability that position {@code position} carries tag {@code tag}. */
    public double marginal(int position, int tag) {
        checkPosition(position);
        checkTag(tag);
        return probability(alpha[position * tags + tag] + beta[position * tags + tag]);
    }

    /**
     * The expected number of times each tag-to-tag transition occurs in the sequence: for every pair
     * {@code (i, j)}, the sum over positions {@code t ≥ 1} of the probability that {@code t - 1} carries
     * {@code i} and {@code t} carries {@code j} (the pairwise marginals). What the CRF loss's transition
     * term is trained towards when a teacher's distribution replaces the gold path ({@code CrfTargets}).
     *
     * @return row-major {@code [from × tags + to]}; its entries sum to {@code length - 1}
     */
    public double[] expectedTransitions() {
        double[] counts = new double[tags * tags];
        for (int t = 1; t < length; t++) {
            for (int i = 0; i < tags; i++) {
                double left = alpha[(t - 1) * tags + i] - logPartition;
                for (int j = 0; j < tags; j++) {
                    counts[i * tags + j] += Math.exp(left + transitions[i * tags + j] + emission(t, j) + beta[t * tags + j]);
                }
            }
        }
        return counts;
    }

    /**
     * The probability that positions {@code from, from + 1, …} carry exactly the tags {@code path}
     * (whatever the other positions carry).
     *
     * @throws IllegalArgumentException when the path is empty or runs past the sequence
     */
    public double pathProbability(int from, int[] path) {
        return probability(logPathScore(from, path));
    }

    /**
     * The probability that positions {@code from, …} carry exactly {@code path} and the position just
     * after it does <em>not</em> carry {@code notNext} (at the end of the sequence, simply the path's
     * probability). With {@code path = B-X I-X … I-X} and {@code notNext = I-X}, this is the probability
     * that a BIO tagging holds exactly this entity span: it neither starts nor ends elsewhere.
     */
    public double pathProbabilityNotFollowedBy(int from, int[] path, int notNext) {
        checkTag(notNext);
        double whole = logPathScore(from, path);
        int next = from + path.length;
        if (next >= length) {
            return probability(whole);
        }
        int last = path[path.length - 1];
        // the paths continuing with notNext: same prefix, then last→notNext, then anything
        double continued = whole - beta[(next - 1) * tags + last]
                + transitions[last * tags + notNext] + emission(next, notNext) + beta[next * tags + notNext];
        return Math.max(0, probability(whole) - probability(continued));
    }

    /** log of the summed scores of all full paths that carry {@code path} from {@code from}. */
    private double logPathScore(int from, int[] path) {
        if (path.length == 0) {
            throw new IllegalArgumentException("Empty tag path");
        }
        checkPosition(from);
        checkPosition(from + path.length - 1);
        checkTag(path[0]);
        double score = alpha[from * tags + path[0]];
        for (int i = 1; i < path.length; i++) {
            checkTag(path[i]);
            score += transitions[path[i - 1] * tags + path[i]] + emission(from + i, path[i]);
        }
        return score + beta[(from + path.length - 1) * tags + path[path.length - 1]];
    }

    private double probability(double logScore) {
        return Math.min(1, Math.exp(logScore - logPartition));
    }

    private double emission(int position, int tag) {
        return emissions[offset + position * tags + tag];
    }

    private void checkPosition(int position) {
        if (position < 0 || position >= length) {
            throw new IllegalArgumentException("Position " + position + " is outside a sequence of length " + length);
        }
    }

    private void checkTag(int tag) {
        if (tag < 0 || tag >= tags) {
            throw new IllegalArgumentException("Tag " + tag + " is outside 0.." + (tags - 1));
        }
    }

    private static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
