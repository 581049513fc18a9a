package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.topology.similar.SimilarityMessage.BandAnswer;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

class BandIndexTest {
    private static final float[] EAST = {1f, 0f};
    private static final float[] NORTH_EAST = {0.8f, 0.6f};
    private static final float[] NORTH = {0f, 1f};

    static BandProbe probe(String id, long time, String key, float[] vector) {
        return new BandProbe(id, time, 0, key, vector, id);
    }

    /** The document's probes in {@code count} bands, each under the key "band:x". */
    private static List<BandProbe> bands(String id, long time, float[] vector, int count) {
        return IntStream.range(0, count).mapToObj(band -> new BandProbe(id, time, band, band + ":x", vector, id)).toList();
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
        index.add(probe("later", 9, "0:1", EAST));

        BandAnswer answer = index.lookUp(probe("c", 4, "0:1", EAST), 10, -1f, 0.9f);

        assertThat(ids(answer)).containsExactly("b", "a");
        assertThat(answer.neighbors().get(1).score()).isEqualTo(0.8f);
        assertThat(answer.earliestNearDuplicate().id()).isEqualTo("b");
    }

    @Test
    void shouldKeepBucketsApartWhoseKeysArePrefixesOfEachOther() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 100);
        index.add(probe("a", 1, "0:1", EAST));
        index.add(probe("b", 2, "0:12", EAST));

        assertThat(ids(index.lookUp(probe("c", 3, "0:1", EAST), 10, -1f, 0.9f))).containsExactly("a");
        assertThat(ids(index.lookUp(probe("c", 3, "0:12", EAST), 10, -1f, 0.9f))).containsExactly("b");
    }

    @Test
    void shouldAnswerAtOnceOverAStoreAPreviousOwnerFilledWithoutReadingItWhole() {
        CountingStore bytes = new CountingStore();
        BandIndex previousOwner = new BandIndex(new IndexStore(bytes), 100, 100);
        for (int i = 0; i < 50; i++) {
            previousOwner.add(probe("doc-" + i, i, "0:" + i % 5, i % 2 == 0 ? EAST : NORTH));
        }
        bytes.resetCounts();

        BandIndex newOwner = new BandIndex(new IndexStore(bytes), 100, 100);
        assertThat(bytes.reads()).as("nothing read on init").isZero();
        BandAnswer answer = newOwner.lookUp(probe("q", 100, "0:3", EAST), 3, -1f, 0.9f);

        assertThat(ids(answer)).containsExactly("doc-8", "doc-18", "doc-28");
        assertThat(bytes.fullScans).as("no full scan").isZero();
        assertThat(bytes.prefixScans).as("one scan of the probe's bucket, with the vectors").isEqualTo(1);
        assertThat(bytes.gets).as("no read by key").isZero();
    }

    @Test
    void shouldAnswerAlikeFromTwoOwnersOfOneStoreAsFromOneIndex() {
        IndexStore shared = IndexStore.inMemory();
        BandIndex first = new BandIndex(shared, 8, 3);
        BandIndex second = new BandIndex(shared, 8, 3);
        BandIndex alone = new BandIndex(IndexStore.inMemory(), 8, 3);
        List<BandIndex> owners = List.of(first, second);

        RandomIndexStream stream = new RandomIndexStream(11L);
        for (int step = 0; step < 400; step++) {
            BandIndex owner = owners.get(step % 2); // the partition moves back and forth
            stream.next(owner, alone);
            BandProbe query = stream.query();
            BandAnswer expected = alone.lookUp(query, 5, -1f, 0.9f);
            assertThat(first.lookUp(query, 5, -1f, 0.9f)).as("step %d", step).isEqualTo(expected);
            assertThat(second.lookUp(query, 5, -1f, 0.9f)).as("step %d", step).isEqualTo(expected);
            assertThat(second.size()).isEqualTo(alone.size());
        }
    }

    @Test
    void shouldFileADocumentOnlyInTheBucketsWhereItFoundNoNearDuplicate() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 100);
        index.add(probe("a", 1, "0:1", EAST));

        BandAnswer answer = index.lookUpAndFile(List.of(new BandProbe("copy", 2, 0, "0:1", EAST, "copy"),
                new BandProbe("copy", 2, 1, "1:1", EAST, "copy")), 10, -1f, 0.9f);

        assertThat(answer.bands()).isEqualTo(0b11L);
        assertThat(answer.earliestNearDuplicate().id()).isEqualTo("a");
        assertThat(ids(index.lookUp(probe("q", 3, "0:1", EAST), 10, -1f, 0.9f))).as("found through a").containsExactly("a");
        assertThat(ids(index.lookUp(probe("q", 3, "1:1", EAST), 10, -1f, 0.9f))).containsExactly("copy");
    }

    @Test
    void shouldWriteTwoEntriesABandWhenFilingADocument() {
        CountingStore bytes = new CountingStore();
        BandIndex index = new BandIndex(new IndexStore(bytes), 100, 100);
        index.lookUpAndFile(bands("a", 1, EAST, 24), 10, -1f, 0.9f);
        bytes.resetCounts();

        index.lookUpAndFile(bands("b", 2, NORTH, 24), 10, -1f, 0.9f);

        assertThat(bytes.puts).as("a filing and a member a band; the document, its age and two counters once")
                .isEqualTo(2 * 24 + 4);
        assertThat(ids(index.lookUp(probe("q", 3, "23:x", NORTH_EAST), 10, -1f, 0.9f))).containsExactly("a", "b");
    }

    @Test
    void shouldNotAnswerADocumentSentAgainWithItsOlderCopy() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 100);
        index.add(probe("a", 1, "0:1", EAST));

        BandAnswer answer = index.lookUpAndFile(List.of(probe("a", 5, "0:1", EAST)), 10, -1f, 0.9f);

        assertThat(answer.neighbors()).isEmpty();
        assertThat(answer.earliestNearDuplicate()).isNull();
        assertThat(index.lookUp(probe("q", 9, "0:1", EAST), 10, -1f, 0.9f).neighbors())
                .containsExactly(new Neighbor("a", 1f, 5));
    }

    @Test
    void shouldReplaceADocumentSentAgainWithAnotherTimestamp() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 100);
        index.add(probe("a", 1, "0:1", EAST));
        index.add(probe("a", 1, "1:1", EAST));
        index.add(probe("a", 5, "0:2", NORTH));

        assertThat(ids(index.lookUp(probe("q", 9, "0:1", EAST), 10, -1f, 0.9f))).as("left its old buckets").isEmpty();
        assertThat(ids(index.lookUp(probe("q", 9, "1:1", EAST), 10, -1f, 0.9f))).isEmpty();
        BandAnswer answer = index.lookUp(probe("q", 9, "0:2", NORTH), 10, -1f, 0.9f);
        assertThat(answer.neighbors()).containsExactly(new Neighbor("a", 1f, 5));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldReplaceADocumentSentAgainWithTheSameTimestampAndAnotherText() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 100);
        index.lookUpAndFile(bands("a", 1, EAST, 2), 10, -1f, 0.9f);

        index.lookUpAndFile(bands("a", 1, NORTH, 2), 10, -1f, 0.9f);

        for (int band = 0; band < 2; band++) {
            assertThat(index.lookUp(probe("q", 9, band + ":x", NORTH), 10, -1f, 0.9f).neighbors())
                    .as("band %d holds the new vector only", band).containsExactly(new Neighbor("a", 1f, 1));
        }
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldWriteNothingForTheSameRecordSentTwice() {
        CountingStore bytes = new CountingStore();
        BandIndex index = new BandIndex(new IndexStore(bytes), 100, 100);
        index.lookUpAndFile(bands("a", 1, NORTH_EAST, 3), 10, -1f, 0.9f);
        bytes.resetCounts();

        index.lookUpAndFile(bands("a", 1, NORTH_EAST, 3), 10, -1f, 0.9f);

        assertThat(bytes.puts).isZero();
        assertThat(ids(index.lookUp(probe("q", 9, "2:x", NORTH_EAST), 10, -1f, 0.9f))).containsExactly("a");
    }

    @Test
    void shouldPassOverMembersThatAnotherModelEmbeddedInAnotherDimension() {
        IndexStore store = IndexStore.inMemory();
        BandIndex before = new BandIndex(store, 100, 100);
        before.lookUpAndFile(bands("old", 1, new float[] {0.6f, 0f, 0.8f}, 2), 10, -1f, 0.9f);
        before.lookUpAndFile(bands("edited", 1, new float[] {0f, 0f, 1f}, 2), 10, -1f, 0.9f);
        BandIndex after = new BandIndex(store, 100, 100); // the same partition, served by a model of two dimensions

        BandAnswer answer = after.lookUpAndFile(bands("new", 5, EAST, 2), 10, -1f, 0.9f);
        after.lookUpAndFile(bands("edited", 1, NORTH, 2), 10, -1f, 0.9f);

        assertThat(answer.neighbors()).as("never scored against the new model's vectors").isEmpty();
        assertThat(answer.earliestNearDuplicate()).isNull();
        assertThat(ids(after.lookUp(probe("q", 9, "1:x", NORTH_EAST), 10, -1f, 0.9f)))
                .as("the document sent again is filed with its new vector").containsExactly("new", "edited");
        assertThat(after.size()).isEqualTo(3);
    }

    @Test
    void shouldDropTheOldestDocumentsBeyondTheCountLimitFromStoreAndBuckets() {
        IndexStore store = IndexStore.inMemory();
        BandIndex index = new BandIndex(store, 2, 100);
        index.add(probe("b", 2, "0:1", EAST));
        index.add(probe("a", 1, "0:1", EAST)); // arrives late, but is the oldest
        index.add(probe("c", 3, "0:1", EAST));

        assertThat(ids(index.lookUp(probe("d", 4, "0:1", EAST), 10, -1f, 0.9f))).containsExactly("b", "c");
        assertThat(index.size()).isEqualTo(2);
        assertThat(store.timestamp("a")).isEmpty();
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
        index.add(probe("e", 5, "1:1", EAST));
        index.add(probe("f", 6, "1:1", EAST));
        assertThat(ids(index.lookUp(probe("g", 7, "1:1", EAST), 10, -1f, 0.9f))).containsExactly("e", "f");
        assertThat(index.size()).as("a, in no bucket, left the index").isEqualTo(4);
    }

    @Test
    void shouldEvictDocumentsOlderThanTheGivenTime() {
        BandIndex index = new BandIndex(IndexStore.inMemory(), 100, 100);
        index.add(probe("before-epoch", -3, "0:1", EAST));
        index.add(probe("a", 1, "0:1", EAST));
        index.add(probe("b", 5, "0:1", EAST));

        index.evictBefore(3);

        assertThat(ids(index.lookUp(probe("c", 6, "0:1", EAST), 10, -1f, 0.9f))).containsExactly("b");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldRoundTripAnswersAndPendingEntriesThroughTheirSerdes() {
        SimilarityMessage answer = new BandAnswer(0b1010L, List.of(new Neighbor("文-1", 0.9f, 7L)), new Neighbor("文-0", 0.95f, 1L));
        assertThat(SimilaritySerdes.message().deserializer().deserialize("t",
                SimilaritySerdes.message().serializer().serialize("t", answer))).isEqualTo(answer);

        PendingSimilarity pending = new PendingSimilarity(null, -1, 0b101L, List.of(new Neighbor("x", 0.5f, 2L)), null, 1234L);
        assertThat(SimilaritySerdes.pendingSimilarity().deserializer().deserialize("t",
                SimilaritySerdes.pendingSimilarity().serializer().serialize("t", pending))).isEqualTo(pending);
    }

    /** Kafka Streams' in-memory store, counting reads. */
    private static final class CountingStore extends InMemoryKeyValueStore {
        int gets;
        int puts;
        int prefixScans;
        int fullScans;

        CountingStore() {
            super("counting");
        }

        void resetCounts() {
            gets = 0;
            puts = 0;
            prefixScans = 0;
            fullScans = 0;
        }

        int reads() {
            return gets + prefixScans + fullScans;
        }

        @Override
        public synchronized byte[] get(Bytes key) {
            gets++;
            return super.get(key);
        }

        @Override
        public synchronized void put(Bytes key, byte[] value) {
            puts++;
            super.put(key, value);
        }

        @Override
        public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            prefixScans++;
            return super.prefixScan(prefix, serializer);
        }

        @Override
        public synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            fullScans++; // the index has no use for ranges: count them with full scans
            return super.range(from, to);
        }

        @Override
        public synchronized KeyValueIterator<Bytes, byte[]> all() {
            fullScans++;
            return super.all();
        }
    }
}
