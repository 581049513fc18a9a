package io.wenliu.models.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class CrfMarginalsTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void shouldMatchBruteForceEnumerationOfEveryPath() {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int tags = 1 + random.nextInt(3);
            int length = 1 + random.nextInt(5);
            int offset = tags * random.nextInt(3); // scores of an earlier sequence of the batch come first
            float[] emissions = randomScores(random, offset + length * tags, 4);
            float[] transitions = randomScores(random, tags * tags, 3);
            BruteForce brute = new BruteForce(emissions, offset, length, transitions, tags);

            CrfMarginals marginals = CrfMarginals.of(emissions, offset, length, transitions, tags);

            assertThat(marginals.logPartition()).isCloseTo(Math.log(brute.partition), within(1e-6));
            for (int t = 0; t < length; t++) {
                double sum = 0;
                for (int k = 0; k < tags; k++) {
                    int position = t;
                    int tag = k;
                    double expected = brute.probability(path -> path[position] == tag);
                    assertThat(marginals.marginal(t, k)).isCloseTo(expected, within(TOLERANCE));
                    sum += marginals.marginal(t, k);
                }
                assertThat(sum).isCloseTo(1.0, within(TOLERANCE));
            }
            for (int from = 0; from < length; from++) {
                for (int span = 1; from + span <= length; span++) {
                    int[] sub = new int[span];
                    for (int i = 0; i < span; i++) {
                        sub[i] = random.nextInt(tags);
                    }
                    int start = from;
                    int notNext = random.nextInt(tags);
                    double expected = brute.probability(path -> carries(path, start, sub));
                    double expectedNotFollowed = brute.probability(path -> carries(path, start, sub)
                            && (start + sub.length == path.length || path[start + sub.length] != notNext));
                    assertThat(marginals.pathProbability(from, sub)).isCloseTo(expected, within(TOLERANCE));
                    assertThat(marginals.pathProbabilityNotFollowedBy(from, sub, notNext))
                            .isCloseTo(expectedNotFollowed, within(TOLERANCE));
                }
            }
        }
    }

    @Test
    void shouldCountExpectedTransitionsAsBruteForceEnumerationDoes() {
        Random random = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int tags = 1 + random.nextInt(3);
            int length = 1 + random.nextInt(5);
            int offset = tags * random.nextInt(3);
            float[] emissions = randomScores(random, offset + length * tags, 4);
            float[] transitions = randomScores(random, tags * tags, 3);
            BruteForce brute = new BruteForce(emissions, offset, length, transitions, tags);

            double[] expected = CrfMarginals.of(emissions, offset, length, transitions, tags).expectedTransitions();

            double total = 0;
            for (int i = 0; i < tags; i++) {
                for (int j = 0; j < tags; j++) {
                    int from = i;
                    int to = j;
                    double count = brute.expectation(path -> {
                        int n = 0;
                        for (int t = 1; t < path.length; t++) {
                            n += path[t - 1] == from && path[t] == to ? 1 : 0;
                        }
                        return n;
                    });
                    assertThat(expected[i * tags + j]).as("%d→%d, trial %d", i, j, trial).isCloseTo(count, within(TOLERANCE));
                    total += expected[i * tags + j];
                }
            }
            assertThat(total).isCloseTo(length - 1, within(TOLERANCE));
        }
    }

    @Test
    void shouldStayFiniteOnLongSequencesWithLargeScores() {
        Random random = new Random(11);
        int tags = 7;
        int length = 5_000;
        float[] emissions = randomScores(random, length * tags, 80);
        float[] transitions = randomScores(random, tags * tags, 40);

        CrfMarginals marginals = CrfMarginals.of(emissions, 0, length, transitions, tags);

        assertThat(marginals.logPartition()).isFinite();
        for (int t : new int[] {0, length / 2, length - 1}) {
            double sum = 0;
            for (int k = 0; k < tags; k++) {
                assertThat(marginals.marginal(t, k)).isBetween(0.0, 1.0);
                sum += marginals.marginal(t, k);
            }
            assertThat(sum).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void shouldGiveCertaintyToTheOnlyPossibleTag() {
        CrfMarginals marginals = CrfMarginals.of(new float[] {0, 0}, 0, 2, new float[] {0}, 1);

        assertThat(marginals.marginal(1, 0)).isCloseTo(1.0, within(TOLERANCE));
        assertThat(marginals.pathProbability(0, new int[] {0, 0})).isCloseTo(1.0, within(TOLERANCE));
    }

    @Test
    void shouldAcceptAnEmptySequence() {
        CrfMarginals marginals = CrfMarginals.of(new float[0], 0, 0, new float[4], 2);

        assertThat(marginals.length()).isZero();
        assertThat(marginals.logPartition()).isZero();
    }

    @Test
    void shouldRejectPathsOutsideTheSequence() {
        CrfMarginals marginals = CrfMarginals.of(new float[6], 0, 3, new float[4], 2);

        assertThatThrownBy(() -> marginals.pathProbability(2, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Position 3");
        assertThatThrownBy(() -> marginals.marginal(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrfMarginals.of(new float[5], 0, 3, new float[4], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Emissions hold 5");
    }

    private static boolean carries(int[] path, int from, int[] sub) {
        for (int i = 0; i < sub.length; i++) {
            if (path[from + i] != sub[i]) {
                return false;
            }
        }
        return true;
    }

    private static float[] randomScores(Random random, int n, double scale) {
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return scores;
    }

    /** Sums exp(score) over all tags^length paths. */
    private static final class BruteForce {
        final double[] pathWeights;
        final int[][] paths;
        final double partition;

        BruteForce(float[] emissions, int offset, int length, float[] transitions, int tags) {
            int count = (int) Math.pow(tags, length);
            pathWeights = new double[count];
            paths = new int[count][length];
            double z = 0;
            for (int p = 0; p < count; p++) {
                int code = p;
                double score = 0;
                for (int t = 0; t < length; t++) {
                    paths[p][t] = code % tags;
                    code /= tags;
                    score += emissions[offset + t * tags + paths[p][t]];
                    if (t > 0) {
                        score += transitions[paths[p][t - 1] * tags + paths[p][t]];
                    }
                }
                pathWeights[p] = Math.exp(score);
                z += pathWeights[p];
            }
            partition = z;
        }

        /** The expected value of {@code count} over the CRF's path distribution. */
        double expectation(ToIntFunction<int[]> count) {
            double sum = 0;
            for (int p = 0; p < paths.length; p++) {
                sum += pathWeights[p] * count.applyAsInt(paths[p]);
            }
            return sum / partition;
        }

        double probability(Predicate<int[]> event) {
            double sum = 0;
            for (int p = 0; p < paths.length; p++) {
                if (event.test(paths[p])) {
                    sum += pathWeights[p];
                }
            }
            return sum / partition;
        }
    }
}
