package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.similarity.UnitVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityIndexBenchmarkTest {

    /** Documents in clusters of near-duplicates (cosine ≈ 0.89 to each other), in random order. */
    private static List<float[]> clusteredVectors(int clusters, int perCluster, int dimension, long seed) {
        Random random = new Random(seed);
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            centres.add(gaussianUnit(random, dimension));
        }
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < clusters * perCluster; i++) {
            float[] centre = centres.get(random.nextInt(clusters));
            float[] noise = gaussianUnit(random, dimension);
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = centre[d] + 0.35f * noise[d];
            }
            vectors.add(UnitVectors.normalize(v));
        }
        return vectors;
    }

    private static float[] gaussianUnit(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return UnitVectors.normalize(v);
    }

    @Test
    void shouldFindAlmostAllTrueNeighboursWhenTheyAreClose() {
        List<float[]> vectors = clusteredVectors(300, 10, 64, 5L);
        SimilaritySettings settings = SimilaritySettings.defaults(0.9f).withScores(5, 0.5f, 0.9f);

        SimilarityIndexBenchmark.Result result = SimilarityIndexBenchmark.run(vectors, settings, 4, 7);

        assertThat(result.queries()).isGreaterThan(400);
        assertThat(result.recallAboveMin()).as("recall of the neighbours with cosine >= 0.5").isGreaterThan(0.95);
        assertThat(result.storedEntries()).as("each document held by at most 4 partitions")
                .isBetween((long) vectors.size(), 4L * vectors.size());
        assertThat(result.storeBytes()).isPositive();
    }

    @Test
    void shouldMatchBruteForceExactlyWithOneBandOfZeroInformation() {
        // one band of one bit: half of the documents share each bucket; no limits bind
        List<float[]> vectors = clusteredVectors(20, 10, 16, 9L);
        SimilaritySettings settings = SimilaritySettings.defaults(0.9f).withBanding(1, 1).withScores(3, -1f, 0.9f);

        SimilarityIndexBenchmark.Result oneBit = SimilarityIndexBenchmark.run(vectors, settings, 1, 1);
        // every exact neighbour on the same side of the hyperplane is found, so recall is well above chance
        assertThat(oneBit.recallAtK()).isGreaterThan(0.6);
        assertThat(SimilarityIndexBenchmark.exactTopK(vectors, 5, 3)).hasSize(3);
        assertThat(SimilarityIndexBenchmark.exactTopK(vectors, 0, 3)).isEmpty();
    }
}
