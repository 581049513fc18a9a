package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.similarity.RandomHyperplaneLsh;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityFanoutProcessorTest {
    private static final int BANDS = 24;

    @Test
    void shouldSendOneProbePerShardCarryingEachBandOnce() {
        Random random = new Random(5);
        RandomHyperplaneLsh lsh = new RandomHyperplaneLsh(16, BANDS, 12, 7L, null);
        for (int shards : new int[] {1, 4, 7, 64}) {
            SimilarityFanoutProcessor fanout = new SimilarityFanoutProcessor(lsh, shards);
            for (int document = 0; document < 50; document++) {
                float[] vector = unit(random, 16);
                String[] keys = lsh.bandKeys(vector);

                List<ShardProbe> probes = fanout.probes("doc-" + document, 9L, keys, vector, "in-0@" + document);

                assertThat(probes).hasSizeLessThanOrEqualTo(Math.min(shards, BANDS));
                assertThat(probes).extracting(ShardProbe::shard).doesNotHaveDuplicates().isSorted();
                List<Integer> bands = new ArrayList<>();
                for (ShardProbe probe : probes) {
                    assertThat(probe.documentId()).isEqualTo("doc-" + document);
                    assertThat(probe.replyKey()).isEqualTo("in-0@" + document);
                    for (int i = 0; i < probe.bands().length; i++) {
                        assertThat(probe.bandKeys()[i]).isEqualTo(keys[probe.bands()[i]]);
                        assertThat(ShardProbe.shardOf(probe.bandKeys()[i], shards)).isEqualTo(probe.shard());
                        bands.add(probe.bands()[i]);
                    }
                }
                assertThat(bands).as("every band once, %d shards", shards).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, BANDS).boxed().toList());
            }
        }
    }

    @Test
    void shouldSpreadShardsEvenlyOverPartitions() {
        assertThat(java.util.stream.IntStream.range(0, 8).map(shard -> ShardProbe.partition(shard, 4)))
                .containsExactly(0, 1, 2, 3, 0, 1, 2, 3);
    }

    private static float[] unit(Random random, int dimension) {
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dimension; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
