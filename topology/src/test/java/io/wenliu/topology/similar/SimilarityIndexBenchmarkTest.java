package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.vectors.UnitVectors;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SimilarityIndexBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(SimilarityIndexBenchmarkTest.class);

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

    static float[] gaussianUnit(Random random, int dimension) {
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

    @Test
    void shouldFindTheSameOverRocksDbAsOverTheInMemoryStore(@TempDir File stateDir) {
        List<float[]> vectors = clusteredVectors(60, 10, 32, 3L);
        SimilaritySettings defaults = SimilaritySettings.defaults(0.9f);
        SimilaritySettings settings = defaults.withBanding(8, 4).withScores(5, 0.5f, 0.9f)
                .withRetention(defaults.maxAge(), 300, 40); // both limits bind

        SimilarityIndexBenchmark.Result inMemory = SimilarityIndexBenchmark.run(vectors, null, settings, 2, 5, 0.5f,
                IndexStore::inMemory);
        SimilarityIndexBenchmark.Result onDisk;
        try (RocksDbIndexStores stores = new RocksDbIndexStores(stateDir)) {
            AtomicInteger partition = new AtomicInteger();
            onDisk = SimilarityIndexBenchmark.run(vectors, null, settings, 2, 5, 0.5f,
                    () -> stores.open(partition.getAndIncrement()));
        }

        assertThat(onDisk.recallAtK()).isEqualTo(inMemory.recallAtK()).isGreaterThan(0.5);
        assertThat(onDisk.candidatesPerDoc()).isEqualTo(inMemory.candidatesPerDoc());
        assertThat(onDisk.storedEntries()).isEqualTo(inMemory.storedEntries()).isEqualTo(2 * 300);
        assertThat(onDisk.storeBytes()).isEqualTo(inMemory.storeBytes());
    }

    /**
     * Not a test but the figures of docs/BENCHMARKS.md: the index over RocksDB (as deployed, less the
     * record cache and changelog) against the in-memory store, on the same vectors, in one JVM. Runs only
     * with {@code -Dwenliu.bench.documents=N}; {@code -Dwenliu.bench.cluster.size=N} (default 10) makes
     * the near-duplicate clusters larger, up to a flood of one cluster that fills every bucket to its cap.
     */
    @Test
    @EnabledIfSystemProperty(named = "wenliu.bench.documents", matches = "[0-9]+")
    void shouldReportThroughputOverRocksDbAndInMemory(@TempDir File stateDir) {
        int documents = Integer.getInteger("wenliu.bench.documents");
        int clusterSize = Integer.getInteger("wenliu.bench.cluster.size", 10);
        List<float[]> vectors = clusteredVectors(Math.max(1, documents / clusterSize), clusterSize, 128, 7L);
        SimilaritySettings defaults = SimilaritySettings.defaults(0.9f);
        SimilaritySettings settings = defaults.withBanding(defaults.bands(), 10).withScores(10, -1f, 0.9f)
                .withRetention(defaults.maxAge(), documents, defaults.maxBucketSize());
        for (int round = 1; round <= 2; round++) { // the first round warms the JIT up
            SimilarityIndexBenchmark.Result inMemory = SimilarityIndexBenchmark.run(vectors, null, settings, 4, 50, 0.5f,
                    IndexStore::inMemory);
            SimilarityIndexBenchmark.Result onDisk;
            try (RocksDbIndexStores stores = new RocksDbIndexStores(new File(stateDir, "round-" + round))) {
                AtomicInteger partition = new AtomicInteger();
                onDisk = SimilarityIndexBenchmark.run(vectors, null, settings, 4, 50, 0.5f,
                        () -> stores.open(partition.getAndIncrement()));
            }
            for (var run : List.of(Map.entry("in-memory", inMemory), Map.entry("RocksDB", onDisk))) {
                SimilarityIndexBenchmark.Result result = run.getValue();
                LOG.info("round {}, {} stores: {} documents, {} bands x {} bits, {} documents/s, {} lookups/s, "
                                + "{} cosines/document, recall@10 {}, store {} bytes/document, index heap {} bytes",
                        round, run.getKey(), documents, settings.bands(), settings.rowsPerBand(),
                        Math.round(result.documentsPerSecond()), Math.round(result.documentsPerSecond() * settings.bands()),
                        Math.round(result.candidatesPerDoc()), String.format(Locale.ROOT, "%.4f", result.recallAtK()),
                        result.storeBytes() / documents, result.heapBytes());
            }
            assertThat(onDisk.recallAtK()).isEqualTo(inMemory.recallAtK());
        }
    }
}
