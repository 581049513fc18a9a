package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.topology.similar.SimilarityMessage.BandAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BandIndexTest {
    private static final float[] EAST = {1f, 0f};
    private static final float[] NORTH_EAST = {0.8f, 0.6f};
    private static final float[] NORTH = {0f, 1f};

    private static BandProbe probe(String id, long time, String key, float[] vector) {
        return new BandProbe(id, time, 0, key, vector, id);
    }

    private static List<String> ids(BandAnswer answer) {
        return answer.neighbors().stream().map(Neighbor::id).toList();
    }

    @Test
    void shouldAnswerWithEarlierDocumentsOfTheSameBucketBestFirst() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 100);
        index.add(probe("a", 1, "0:1", NORTH_EAST));
        index.add(probe("b", 2, "0:1", EAST));
        index.add(probe("other", 3, "0:2", EAST));

        BandAnswer answer = index.lookUp(probe("c", 4, "0:1", EAST), 10, -1f, 0.9f);

        assertThat(ids(answer)).containsExactly("b", "a");
        assertThat(answer.neighbors().get(1).score()).isEqualTo(0.8f);
        assertThat(answer.earliestNearDuplicate().id()).isEqualTo("b");
    }

    @Test
    void shouldAnswerTheSameAfterRebuildingFromTheStoreAsAFailoverWould() {
        IndexStore.Serialized store = IndexStore.inMemory();
        BandIndex before = new BandIndex(store, 100, 100);
        before.add(probe("a", 1, "0:1", NORTH_EAST));
        before.add(probe("a", 1, "1:7", NORTH_EAST));
        before.add(probe("b", 2, "0:1", NORTH));

        BandIndex after = new BandIndex(store, 100, 100);

        BandProbe query = probe("c", 3, "0:1", EAST);
        assertThat(after.lookUp(query, 10, -1f, 0.9f)).isEqualTo(before.lookUp(query, 10, -1f, 0.9f));
        assertThat(ids(after.lookUp(probe("d", 4, "1:7", EAST), 10, -1f, 0.9f))).containsExactly("a");
        assertThat(after.size()).isEqualTo(2);
    }

    @Test
    void shouldDropTheOldestDocumentsBeyondTheCountLimitFromStoreAndBuckets() {
        IndexStore.Serialized store = IndexStore.inMemory();
        BandIndex index = new BandIndex(store, 2, 100);
        index.add(probe("a", 1, "0:1", EAST));
        index.add(probe("b", 2, "0:1", EAST));
        index.add(probe("c", 3, "0:1", EAST));

        assertThat(ids(index.lookUp(probe("d", 4, "0:1", EAST), 10, -1f, 0.9f))).containsExactly("b", "c");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void shouldCapBucketsDroppingTheirOldestMember() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 2);
        index.add(probe("a", 1, "0:1", EAST));
        index.add(probe("a", 1, "1:1", EAST));
        index.add(probe("b", 2, "0:1", EAST));
        index.add(probe("c", 3, "0:1", EAST));

        assertThat(ids(index.lookUp(probe("d", 4, "0:1", EAST), 10, -1f, 0.9f))).containsExactly("b", "c");
        assertThat(ids(index.lookUp(probe("d", 4, "1:1", EAST), 10, -1f, 0.9f))).as("still in its other bucket")
                .containsExactly("a");
    }

    @Test
    void shouldEvictDocumentsOlderThanTheGivenTime() {
        IndexStore.Serialized store = IndexStore.inMemory();
        BandIndex index = new BandIndex(store, 100, 100);
        index.add(probe("a", 1, "0:1", EAST));
        index.add(probe("b", 5, "0:1", EAST));

        index.evictBefore(3);

        assertThat(ids(index.lookUp(probe("c", 6, "0:1", EAST), 10, -1f, 0.9f))).containsExactly("b");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void shouldRoundTripEveryInternalRecordThroughItsSerde() {
        IndexedVector entry = new IndexedVector(42L, new float[] {0.6f, -0.8f}, List.of("0:ff", "3:1"));
        IndexedVector copy = SimilaritySerdes.indexedVector().deserializer().deserialize("t",
                SimilaritySerdes.indexedVector().serializer().serialize("t", entry));
        assertThat(copy.timestamp()).isEqualTo(42L);
        assertThat(copy.vector()).containsExactly(0.6f, -0.8f);
        assertThat(copy.bandKeys()).containsExactly("0:ff", "3:1");

        SimilarityMessage answer = new BandAnswer(3, List.of(new Neighbor("文-1", 0.9f, 7L)), new Neighbor("文-0", 0.95f, 1L));
        assertThat(SimilaritySerdes.message().deserializer().deserialize("t",
                SimilaritySerdes.message().serializer().serialize("t", answer))).isEqualTo(answer);

        PendingSimilarity pending = new PendingSimilarity(null, -1, 0b101L, List.of(new Neighbor("x", 0.5f, 2L)), null, 1234L);
        assertThat(SimilaritySerdes.pendingSimilarity().deserializer().deserialize("t",
                SimilaritySerdes.pendingSimilarity().serializer().serialize("t", pending))).isEqualTo(pending);
    }
}
