package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.topology.similar.IndexStore.Filing;
import io.wenliu.topology.similar.IndexStore.Member;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

class IndexStoreTest {
    @Test
    void shouldStoreMembersInHalfTheBytesOfFloatsAndScoreThemAsFloatsDo() {
        KeyValueStore<Bytes, byte[]> bytes = new InMemoryKeyValueStore("members");
        IndexStore store = new IndexStore(bytes);
        Random random = new Random(3L);
        float[] query = SimilarityIndexBenchmarkTest.gaussianUnit(random, 512);
        for (int i = 0; i < 50; i++) {
            float[] vector = SimilarityIndexBenchmarkTest.gaussianUnit(random, 512);
            store.putMember(new Member(new Filing("0:7", i), "doc-" + i, i, vector));
            Member back = store.members("0:7").get(i);

            assertThat(back.id()).isEqualTo("doc-" + i);
            assertThat(back.timestamp()).isEqualTo(i);
            float largest = 0f;
            for (float x : vector) {
                largest = Math.max(largest, Math.abs(x));
            }
            for (int d = 0; d < vector.length; d++) {
                assertThat(back.vector()[d]).isCloseTo(vector[d], within(largest / 65_000f));
            }
            assertThat(UnitVectors.dot(back.vector(), query)).isCloseTo(UnitVectors.dot(vector, query), within(1e-5f));
        }
        assertThat(store.sizeInBytes() / 50).as("bytes a member").isLessThan(512 * Short.BYTES + 64);
    }

    @Test
    void shouldReadMembersStoredAsFloatsBeforeFixedPoint() {
        KeyValueStore<Bytes, byte[]> bytes = new InMemoryKeyValueStore("members");
        IndexStore store = new IndexStore(bytes);
        float[] vector = {0.6f, 0.8f};
        // the earlier layout: key 'm', band key length, band key, sequence; value timestamp, id length, id, floats
        byte[] bandKey = "0:7".getBytes(StandardCharsets.UTF_8);
        byte[] id = "old".getBytes(StandardCharsets.UTF_8);
        Bytes key = Bytes.wrap(ByteBuffer.allocate(1 + 4 + bandKey.length + 8).put((byte) 'm').putInt(bandKey.length)
                .put(bandKey).putLong(0L).array());
        ByteBuffer value = ByteBuffer.allocate(8 + 4 + id.length + 2 * 4).putLong(1_764_900_000_000L).putInt(id.length)
                .put(id).putFloat(0.6f).putFloat(0.8f);
        bytes.put(key, value.array());
        store.putMember(new Member(new Filing("0:7", 1), "new", 1_764_900_000_001L, vector));

        List<Member> members = store.members("0:7");

        assertThat(members).extracting(Member::id).containsExactly("old", "new");
        assertThat(members.get(0).timestamp()).isEqualTo(1_764_900_000_000L);
        assertThat(members.get(0).vector()).containsExactly(0.6f, 0.8f);
        assertThat(members.get(1).vector()).containsExactly(new float[] {0.6f, 0.8f}, within(1e-4f));
    }
}
