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
}
