package io.wenliu.models.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wenliu.models.similarity.RandomHyperplaneLsh;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingSpreadTest {
    private static final int DIMENSION = 64;

    @Test
    void shouldMeasureTheMeanAndTheAxesOfLargestVarianceFirst() {
        Random random = new Random(1);
        List<float[]> vectors = new ArrayList<>();
        for (int n = 0; n < 4000; n++) {
            float[] v = new float[8];
            v[0] = 0.5f;
            v[3] += (float) (3 * random.nextGaussian());
            v[5] += (float) (random.nextGaussian());
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (0.1 * random.nextGaussian());
            }
            vectors.add(v);
        }

        EmbeddingSpread spread = EmbeddingSpread.measure(vectors, 2);

        assertThat(spread.mean()[0]).isCloseTo(0.5f, offset(0.01f));
        assertThat(spread.variances()[0]).isCloseTo(9.01f, offset(0.5f));
        assertThat(spread.variances()[1]).isCloseTo(1.01f, offset(0.1f));
        assertThat(Math.abs(spread.axes()[0][3])).isCloseTo(1f, offset(0.01f));
        assertThat(Math.abs(spread.axes()[1][5])).isCloseTo(1f, offset(0.01f));
    }

    @Test
    void shouldReadWhatItWritesIntoAManifest() throws Exception {
        EmbeddingSpread spread = new EmbeddingSpread(new float[] {0.1f, -0.2f}, new float[][] {{0.6f, 0.8f}}, new float[] {0.05f});
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        spread.write(manifest);

        EmbeddingSpread read = EmbeddingSpread.read(new ObjectMapper().readTree(manifest.toString()));

        assertThat(read.mean()).containsExactly(0.1f, -0.2f);
        assertThat(read.axes()).hasDimensions(1, 2);
        assertThat(read.axes()[0]).containsExactly(0.6f, 0.8f);
        assertThat(read.variances()).containsExactly(0.05f);
        assertThat(EmbeddingSpread.read(new ObjectMapper().createObjectNode())).isNull();
        assertThat(EmbeddingSpread.read(new ObjectMapper().readTree("{\"mean\":[1,2]}")).axes()).isEmpty();
    }

    @Test
    void shouldRefuseAxesOutOfOrder() {
        assertThatThrownBy(() -> new EmbeddingSpread(new float[2], new float[][] {{1, 0}, {0, 1}}, new float[] {0.1f, 0.2f}))
                .hasMessageContaining("largest variance first");
    }

    /**
     * Vectors that vary along one axis much more than along the others, as trained embeddings do: hyperplanes alike in
     * every direction make their bits mostly from that axis, so far-apart vectors share buckets; hyperplanes leaning
     * away from it split them, and near vectors still meet.
     */
    @Test
    void shouldPutFewerFarPairsInOneBucketWhenTheHyperplanesLeanAwayFromTheDominantAxis() {
        Random random = new Random(2);
        List<float[]> points = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            float[] v = new float[DIMENSION];
            v[0] = 2f;
            v[1] = (float) random.nextGaussian();
            for (int i = 2; i < DIMENSION; i++) {
                v[i] = (float) (0.05 * random.nextGaussian());
            }
            points.add(v);
        }
        EmbeddingSpread spread = EmbeddingSpread.measure(points, 4);
        RandomHyperplaneLsh upright = new RandomHyperplaneLsh(DIMENSION, 8, 8, 7L, EmbeddingSpread.centredOn(spread.mean()));
        RandomHyperplaneLsh leaning = new RandomHyperplaneLsh(DIMENSION, 8, 8, 7L, spread);

        double[] uprightCounts = collisions(upright, points, random);
        double[] leaningCounts = collisions(leaning, points, random);

        assertThat(leaningCounts[0]).as("far pairs sharing a bucket").isLessThan(uprightCounts[0] * 0.6);
        assertThat(leaningCounts[1]).as("near pairs sharing a bucket").isGreaterThan(0.95);
        assertThat(uprightCounts[1]).isGreaterThan(0.95);
    }

    /** The share of pairs of different points, and of each point and a slightly moved copy, that share a band key. */
    private static double[] collisions(RandomHyperplaneLsh lsh, List<float[]> points, Random random) {
        List<String[]> keys = points.stream().map(lsh::bandKeys).toList();
        int far = 0;
        int pairs = 0;
        int near = 0;
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < i; j++) {
                far += share(keys.get(i), keys.get(j)) ? 1 : 0;
                pairs++;
            }
            float[] moved = points.get(i).clone();
            for (int d = 0; d < moved.length; d++) {
                moved[d] += (float) (0.002 * random.nextGaussian());
            }
            near += share(keys.get(i), lsh.bandKeys(moved)) ? 1 : 0;
        }
        return new double[] {far / (double) pairs, near / (double) keys.size()};
    }

    private static boolean share(String[] a, String[] b) {
        for (int k = 0; k < a.length; k++) {
            if (a[k].equals(b[k])) {
                return true;
            }
        }
        return false;
    }
}
