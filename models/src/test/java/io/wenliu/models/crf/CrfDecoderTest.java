package io.wenliu.models.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CrfDecoderTest {
    private static final int TAGS = 3;

    @Test
    void shouldFindTheBestPathByExhaustiveSearch() {
        Random random = new Random(42);
        CrfDecoder decoder = new CrfDecoder(TAGS);
        for (int trial = 0; trial < 200; trial++) {
            int length = 1 + random.nextInt(6);
            float[] emissions = randomScores(random, length * TAGS);
            float[] transitions = randomScores(random, TAGS * TAGS);

            int[] path = decoder.decode(emissions, transitions);

            assertThat(score(path, emissions, transitions)).isEqualTo(bestScore(emissions, transitions, length, null, null));
        }
    }

    @Test
    void shouldRespectStructuralAndPerPositionConstraints() {
        Random random = new Random(7);
        boolean[] transitions = {true, true, false, false, true, true, true, false, true}; // 0→2, 1→0, 2→1 forbidden
        boolean[] first = {true, false, true};
        boolean[] last = {false, true, true};
        CrfDecoder decoder = new CrfDecoder(TAGS, transitions, first, last);
        for (int trial = 0; trial < 200; trial++) {
            int length = 1 + random.nextInt(6);
            float[] emissions = randomScores(random, length * TAGS);
            float[] scores = randomScores(random, TAGS * TAGS);
            long[] allowed = new long[length];
            for (int t = 0; t < length; t++) {
                allowed[t] = random.nextInt(4) == 0 ? 1L << random.nextInt(TAGS) : decoder.anyTag();
            }
            double best = bestScore(emissions, scores, length, allowed, new boolean[][] {transitions, first, last});
            if (best == Double.NEGATIVE_INFINITY) {
                assertThatThrownBy(() -> decoder.decode(emissions, 0, length, scores, allowed, 0))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no legal tag path");
                continue;
            }

            int[] path = decoder.decode(emissions, 0, length, scores, allowed, 0);

            assertThat(score(path, emissions, scores)).isEqualTo(best);
            assertThat(first[path[0]]).isTrue();
            assertThat(last[path[length - 1]]).isTrue();
            for (int t = 0; t < length; t++) {
                assertThat(allowed[t] >>> path[t] & 1L).isEqualTo(1L);
                if (t > 0) {
                    assertThat(transitions[path[t - 1] * TAGS + path[t]]).isTrue();
                }
            }
        }
    }

    @Test
    void shouldFollowOnlyTiedTransitionsAtTiedPositions() {
        boolean[] any = {true, true, true, true, true, true, true, true, true};
        boolean[] tied = {true, false, false, false, true, false, false, false, true}; // a tag may only repeat
        CrfDecoder decoder = new CrfDecoder(TAGS, any, new boolean[] {true, true, true}, new boolean[] {true, true, true}, tied);
        float[] emissions = {0, 6, 0, /* wants 2, tied to 1 */ 0, 0, 5, /* wants 0, free */ 5, 0, 0};

        assertThat(decoder.decode(emissions, 0, 3, new float[TAGS * TAGS], null, null, 0)).containsExactly(1, 2, 0);
        assertThat(decoder.decode(emissions, 0, 3, new float[TAGS * TAGS], null, new boolean[] {false, true, false}, 0))
                .containsExactly(1, 1, 0);
    }

    @Test
    void shouldMatchADenseViterbiOnASparseSchemeWithWordMasks() {
        // B-/I- over 4 types (as part of speech): I-x only after B-x or I-x, never first; positions either start a
        // word (B- only) or continue one (I- only) or are free, as PosDecoder constrains them
        int types = 4;
        int tags = 2 * types;
        boolean[] transitions = new boolean[tags * tags];
        boolean[] first = new boolean[tags];
        boolean[] last = new boolean[tags];
        java.util.Arrays.fill(last, true);
        for (int i = 0; i < tags; i++) {
            first[i] = i % 2 == 0;
            for (int j = 0; j < tags; j++) {
                transitions[i * tags + j] = j % 2 == 0 || i / 2 == j / 2;
            }
        }
        CrfDecoder decoder = new CrfDecoder(tags, transitions, first, last);
        long begins = 0b01010101;
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int length = 1 + random.nextInt(30);
            float[] emissions = randomScores(random, length * tags);
            float[] scores = randomScores(random, tags * tags);
            long[] allowed = new long[length];
            for (int t = 0; t < length; t++) {
                int kind = t == 0 ? 0 : random.nextInt(3);
                allowed[t] = kind == 0 ? begins : kind == 1 ? ~begins & decoder.anyTag() : decoder.anyTag();
            }

            assertThat(decoder.decode(emissions, 0, length, scores, allowed, 0))
                    .containsExactly(denseViterbi(tags, emissions, length, scores, allowed, transitions, first));
        }
    }

    @Test
    void shouldDecodeASequenceInsideALargerArray() {
        float[] emissions = {9, 0, 0, /* sequence: */ 0, 5, 0, 0, 0, 5, /* after: */ 9, 0, 0};
        long[] allowed = {0b111, 0b010, 0b100, 0b111};

        int[] path = new CrfDecoder(TAGS).decode(emissions, 3, 2, new float[TAGS * TAGS], allowed, 1);

        assertThat(path).containsExactly(1, 2);
    }

    @Test
    void shouldDecodeEmptyAndOneLongSequences() {
        CrfDecoder decoder = new CrfDecoder(TAGS);

        assertThat(decoder.decode(new float[0], new float[TAGS * TAGS])).isEmpty();
        assertThat(decoder.decode(new float[] {0, 0, 3}, new float[TAGS * TAGS])).containsExactly(2);
    }

    @Test
    void shouldRejectMismatchedShapes() {
        CrfDecoder decoder = new CrfDecoder(TAGS);

        assertThatThrownBy(() -> decoder.decode(new float[6], new float[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.decode(new float[6], 3, 2, new float[9], null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CrfDecoder(65)).isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] randomScores(Random random, int n) {
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(21) - 10; // integers: sums are exact, so equal paths compare equal
        }
        return scores;
    }

    private static double score(int[] path, float[] emissions, float[] transitions) {
        double s = 0;
        for (int t = 0; t < path.length; t++) {
            s += emissions[t * TAGS + path[t]];
            if (t > 0) {
                s += transitions[path[t - 1] * TAGS + path[t]];
            }
        }
        return s;
    }

    /** Enumerates every path; constraints as {transitions, first, last} or null. */
    private static double bestScore(float[] emissions, float[] transitions, int length, long[] allowed, boolean[][] grammar) {
        double best = Double.NEGATIVE_INFINITY;
        int paths = (int) Math.pow(TAGS, length);
        for (int code = 0; code < paths; code++) {
            int[] path = new int[length];
            int c = code;
            for (int t = 0; t < length; t++) {
                path[t] = c % TAGS;
                c /= TAGS;
            }
            if (legal(path, allowed, grammar)) {
                best = Math.max(best, score(path, emissions, transitions));
            }
        }
        return best;
    }

    private static boolean legal(int[] path, long[] allowed, boolean[][] grammar) {
        for (int t = 0; t < path.length; t++) {
            if (allowed != null && (allowed[t] >>> path[t] & 1L) == 0) {
                return false;
            }
            if (grammar != null && t > 0 && !grammar[0][path[t - 1] * TAGS + path[t]]) {
                return false;
            }
        }
        return grammar == null || (grammar[1][path[0]] && grammar[2][path[path.length - 1]]);
    }

    /** Viterbi scanning every tag pair, ties to the lower tag id: the reference for the decoder's sparse scan. */
    private static int[] denseViterbi(int tags, float[] emissions, int length, float[] transitions, long[] allowed,
                                      boolean[] legal, boolean[] first) {
        float[] score = new float[tags];
        int[] back = new int[length * tags];
        for (int k = 0; k < tags; k++) {
            score[k] = first[k] && (allowed[0] >>> k & 1L) != 0 ? emissions[k] : Float.NEGATIVE_INFINITY;
        }
        for (int t = 1; t < length; t++) {
            float[] next = new float[tags];
            for (int j = 0; j < tags; j++) {
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < tags && (allowed[t] >>> j & 1L) != 0; i++) {
                    float s = score[i] + transitions[i * tags + j];
                    if (legal[i * tags + j] && s > best) {
                        best = s;
                        arg = i;
                    }
                }
                next[j] = (allowed[t] >>> j & 1L) != 0 ? best + emissions[t * tags + j] : Float.NEGATIVE_INFINITY;
                back[t * tags + j] = arg;
            }
            score = next;
        }
        int[] path = new int[length];
        for (int k = 1; k < tags; k++) {
            path[length - 1] = score[k] > score[path[length - 1]] ? k : path[length - 1];
        }
        for (int t = length - 1; t > 0; t--) {
            path[t - 1] = back[t * tags + path[t]];
        }
        return path;
    }
}
