package io.wenliu.models.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.wenliu.models.vectors.UnitVectors;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityMathTest {

    @Test
    void shouldChooseTheThresholdThatSeparatesTheLabelsBest() {
        float[] cosines = {0.1f, 0.2f, 0.45f, 0.5f, 0.9f, 0.95f};
        boolean[] labels = {false, false, true, false, true, true};

        PairMetrics.Threshold best = PairMetrics.bestThreshold(cosines, labels);

        assertThat(best.accuracy()).isCloseTo(5 / 6.0, offset(1e-9));
        assertThat(PairMetrics.accuracy(cosines, labels, best.threshold())).isEqualTo(best.accuracy());
    }

    @Test
    void shouldComputeSpearmanWithAverageRanksForTies() {
        assertThat(PairMetrics.spearman(new float[] {1, 2, 3, 4}, new float[] {10, 20, 30, 40})).isCloseTo(1.0, offset(1e-9));
        assertThat(PairMetrics.spearman(new float[] {1, 2, 3, 4}, new float[] {4, 3, 2, 1})).isCloseTo(-1.0, offset(1e-9));
        // x ranks 1,2,3,4; y ranks 1.5,1.5,3,4 -> Pearson of the ranks
        assertThat(PairMetrics.spearman(new float[] {1, 2, 3, 4}, new float[] {0, 0, 1, 2})).isCloseTo(0.9487, offset(1e-4));
    }

    @Test
    void shouldEmbedNearDuplicatesCloseAndUnrelatedTextsFarApart() {
        HashedNgramEmbedder embedder = new HashedNgramEmbedder(128);
        float[] a = embedder.embed("今天北京的天气很好，我们去公园散步吧");
        float[] b = embedder.embed("今天北京的天气很好，我们去公园散散步吧");
        float[] c = embedder.embed("花呗的额度为什么降低了");

        assertThat(UnitVectors.isUnit(a, 128)).isTrue();
        assertThat(UnitVectors.dot(a, b)).isGreaterThan(0.85f);
        assertThat(UnitVectors.dot(a, c)).isLessThan(0.3f);
        assertThat(UnitVectors.isUnit(embedder.embed(" \u3000 "), 128)).as("blank text still has a direction").isTrue();
    }

    @Test
    void shouldGiveIdenticalVectorsIdenticalBandKeysAndAgreeWithTheCollisionProbability() {
        RandomHyperplaneLsh lsh = new RandomHyperplaneLsh(32, 16, 6, 7L);
        RandomHyperplaneLsh sameSeed = new RandomHyperplaneLsh(32, 16, 6, 7L);
        Random random = new Random(3);
        int collisions = 0;
        int trials = 400;
        for (int t = 0; t < trials; t++) {
            float[] x = randomUnit(random, 32);
            assertThat(lsh.bandKeys(x)).containsExactly(sameSeed.bandKeys(x));
            float[] y = rotateTowards(x, randomUnit(random, 32), 0.8);
            String[] kx = lsh.bandKeys(x);
            String[] ky = lsh.bandKeys(y);
            boolean shared = false;
            for (int b = 0; b < kx.length; b++) {
                shared |= kx[b].equals(ky[b]);
            }
            collisions += shared ? 1 : 0;
        }
        assertThat(collisions / (double) trials).isCloseTo(lsh.collisionProbability(0.8), offset(0.06));
    }

    private static float[] randomUnit(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return UnitVectors.normalize(v);
    }

    /** A unit vector at cosine {@code cosine} from {@code x}, in the plane of x and {@code other}. */
    private static float[] rotateTowards(float[] x, float[] other, double cosine) {
        float projection = UnitVectors.dot(x, other);
        float[] orthogonal = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            orthogonal[i] = other[i] - projection * x[i];
        }
        UnitVectors.normalize(orthogonal);
        double sine = Math.sqrt(1 - cosine * cosine);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (cosine * x[i] + sine * orthogonal[i]);
        }
        return y;
    }
}
