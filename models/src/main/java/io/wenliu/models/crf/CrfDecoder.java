package io.wenliu.models.crf;

import java.util.Arrays;

/**
 * Viterbi decoding of a linear-chain CRF in plain Java: the highest-scoring tag path given per
 * position tag scores (emissions) and tag-to-tag transition scores, optionally under constraints.
 *
 * <p>Two kinds of constraint are hard (a forbidden choice scores minus infinity):
 * <ul>
 *   <li>structural, fixed per decoder: which transitions, first tags and last tags are legal (for
 *       BMES, {@code B→S} or a sequence ending in {@code M} never are);</li>
 *   <li>per call: a bit mask of the tags allowed at each position (a user dictionary pinning a word,
 *       whitespace forcing a boundary), and which positions are tied to the one before: there only the
 *       decoder's tied transitions are legal (in BIO, {@code O→O} and {@code X→I-X}, so that an
 *       entity neither starts nor ends inside an atomic run).</li>
 * </ul>
 * The score of a path is the sum of its emissions and transitions, as in training. Ties go to the
 * lower tag id. Immutable and thread-safe; {@link #decode} allocates only its own work arrays.
 */
public final class CrfDecoder {
    /** Maximum number of tags: per-position masks are {@code long} bit sets. */
    public static final int MAX_TAGS = 64;

    private final int tags;
    private final boolean[] allowedTransitions;
    private final boolean[] allowedFirst;
    private final boolean[] allowedLast;
    private final boolean[] tiedTransitions;
    // per tag, the tags that may precede it, ascending: a sparse scheme (BIO, B-/I-) gives most tags two or three
    private final int[][] predecessors;
    private final int[][] tiedPredecessors;

    /** A decoder with no structural constraints. */
    public CrfDecoder(int tags) {
        this(tags, filled(tags * tags), filled(tags), filled(tags));
    }

    /** A decoder whose tied positions may use any legal transition (no tie constraint of its own). */
    public CrfDecoder(int tags, boolean[] allowedTransitions, boolean[] allowedFirst, boolean[] allowedLast) {
        this(tags, allowedTransitions, allowedFirst, allowedLast, allowedTransitions);
    }

    /**
     * @param allowedTransitions [from × tags + to]: whether tag {@code to} may follow tag {@code from}
     * @param allowedFirst       whether a sequence may start with each tag
     * @param allowedLast        whether a sequence may end with each tag
     * @param tiedTransitions    [from × tags + to]: whether tag {@code to} may follow tag {@code from} at a
     *                           position tied to the one before (only if {@code allowedTransitions} allows it too)
     */
    public CrfDecoder(int tags, boolean[] allowedTransitions, boolean[] allowedFirst, boolean[] allowedLast,
                      boolean[] tiedTransitions) {
        if (tags < 1 || tags > MAX_TAGS) {
            throw new IllegalArgumentException("A CRF decoder handles 1 to " + MAX_TAGS + " tags, got " + tags);
        }
        if (allowedTransitions.length != tags * tags || allowedFirst.length != tags || allowedLast.length != tags
                || tiedTransitions.length != tags * tags) {
            throw new IllegalArgumentException("Constraint arrays must be tags×tags, tags, tags and tags×tags long for "
                    + tags + " tags");
        }
        this.tags = tags;
        this.allowedTransitions = allowedTransitions.clone();
        this.allowedFirst = allowedFirst.clone();
        this.allowedLast = allowedLast.clone();
        this.tiedTransitions = new boolean[tags * tags];
        for (int k = 0; k < tiedTransitions.length; k++) {
            this.tiedTransitions[k] = allowedTransitions[k] && tiedTransitions[k];
        }
        this.predecessors = predecessors(tags, this.allowedTransitions);
        this.tiedPredecessors = predecessors(tags, this.tiedTransitions);
    }

    private static int[][] predecessors(int tags, boolean[] legal) {
        int[][] from = new int[tags][];
        for (int j = 0; j < tags; j++) {
            int count = 0;
            int[] list = new int[tags];
            for (int i = 0; i < tags; i++) {
                if (legal[i * tags + j]) {
                    list[count++] = i;
                }
            }
            from[j] = Arrays.copyOf(list, count);
        }
        return from;
    }

    public int tags() {
        return tags;
    }

    /** A mask allowing every tag. */
    public long anyTag() {
        return tags == MAX_TAGS ? -1L : (1L << tags) - 1;
    }

    /** The best path of a whole emission array ({@code length × tags}) without per-position constraints. */
    public int[] decode(float[] emissions, float[] transitions) {
        return decode(emissions, 0, emissions.length / tags, transitions, null, 0);
    }

    /**
     * The best tag path of one sequence.
     *
     * @param emissions     scores, row-major {@code [position][tag]}; this sequence's rows start at {@code offset}
     *                      (an index into the array, a multiple of {@code tags} in practice)
     * @param length        number of positions to decode
     * @param transitions   {@code [from × tags + to]}
     * @param allowedTags   per position, a bit set of the tags allowed there (bit {@code k} for tag {@code k});
     *                      null: no constraint
     * @param allowedOffset index in {@code allowedTags} of this sequence's first position
     * @return one tag id per position
     * @throws IllegalArgumentException when the constraints leave no legal path
     */
    public int[] decode(float[] emissions, int offset, int length, float[] transitions, long[] allowedTags, int allowedOffset) {
        return decode(emissions, offset, length, transitions, allowedTags, null, allowedOffset);
    }

    /**
     * The best tag path of one sequence, as {@link #decode(float[], int, int, float[], long[], int)}, where
     * a position {@code t} with {@code tied[allowedOffset + t]} may only follow by a tied transition.
     *
     * @param allowedTags null: no mask
     * @param tied        null: no position is tied
     */
    public int[] decode(float[] emissions, int offset, int length, float[] transitions, long[] allowedTags, boolean[] tied,
                        int allowedOffset) {
        if (transitions.length != tags * tags) {
            throw new IllegalArgumentException("Expected " + tags * tags + " transition scores, got " + transitions.length);
        }
        if (offset < 0 || length < 0 || offset + (long) length * tags > emissions.length) {
            throw new IllegalArgumentException("Emissions hold " + emissions.length + " scores, not " + length
                    + " positions × " + tags + " tags from " + offset);
        }
        int[] path = new int[length];
        if (length == 0) {
            return path;
        }
        float[] score = new float[tags];
        float[] next = new float[tags];
        int[] back = new int[length * tags];
        long mask = allowed(allowedTags, allowedOffset, 0);
        for (int k = 0; k < tags; k++) {
            score[k] = allowedFirst[k] && (mask >>> k & 1L) != 0 ? emissions[offset + k] : Float.NEGATIVE_INFINITY;
        }
        int[] alive = new int[tags];
        for (int t = 1; t < length; t++) {
            mask = allowed(allowedTags, allowedOffset, t);
            boolean isTied = tied != null && tied[allowedOffset + t];
            boolean[] legal = isTied ? tiedTransitions : allowedTransitions;
            int[][] from = isTied ? tiedPredecessors : predecessors;
            // Only tags still reachable can lead anywhere: under word or run constraints most are not, so each
            // tag scans the shorter of its legal predecessors and the reachable tags (ascending either way, so
            // ties still go to the lower tag id).
            int reachable = 0;
            for (int i = 0; i < tags; i++) {
                if (score[i] != Float.NEGATIVE_INFINITY) {
                    alive[reachable++] = i;
                }
            }
            int row = offset + t * tags;
            for (int j = 0; j < tags; j++) {
                if ((mask >>> j & 1L) == 0) {
                    next[j] = Float.NEGATIVE_INFINITY;
                    back[t * tags + j] = 0;
                    continue;
                }
                int arg = 0;
                float best = Float.NEGATIVE_INFINITY;
                int[] candidates = from[j];
                if (candidates.length <= reachable) {
                    for (int i : candidates) {
                        float s = score[i] + transitions[i * tags + j];
                        if (s > best) {
                            best = s;
                            arg = i;
                        }
                    }
                } else {
                    for (int a = 0; a < reachable; a++) {
                        int i = alive[a];
                        if (!legal[i * tags + j]) {
                            continue;
                        }
                        float s = score[i] + transitions[i * tags + j];
                        if (s > best) {
                            best = s;
                            arg = i;
                        }
                    }
                }
                next[j] = best + emissions[row + j];
                back[t * tags + j] = arg;
            }
            float[] swap = score;
            score = next;
            next = swap;
        }
        int last = -1;
        for (int k = 0; k < tags; k++) {
            if (allowedLast[k] && score[k] != Float.NEGATIVE_INFINITY && (last < 0 || score[k] > score[last])) {
                last = k;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("The constraints leave no legal tag path for a sequence of length " + length);
        }
        path[length - 1] = last;
        for (int t = length - 1; t > 0; t--) {
            path[t - 1] = back[t * tags + path[t]];
        }
        return path;
    }

    private long allowed(long[] allowedTags, int allowedOffset, int t) {
        return allowedTags == null ? -1L : allowedTags[allowedOffset + t];
    }

    private static boolean[] filled(int n) {
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return all;
    }
}
