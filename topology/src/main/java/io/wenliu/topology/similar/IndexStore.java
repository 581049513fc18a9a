package io.wenliu.topology.similar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The state of one index partition, kept in one sorted key-value store of bytes: in the topology the
 * changelogged RocksDB store {@code similarity-band-index}, in benchmarks and tests Kafka Streams'
 * in-memory sorted store. Nothing is held in heap, so a new owner of the partition answers exactly as
 * the old one would have without reading anything first. Five key spaces, each a one-byte tag then:
 * <ul>
 *   <li>{@code d}, id → the document ({@link IndexedVector});
 *   <li>{@code m}, band key length (int), band key, insertion sequence (long) → id: a bucket's
 *       members, oldest first, in one prefix scan;
 *   <li>{@code s}, band key → the bucket's size (int), for the bucket cap;
 *   <li>{@code a}, timestamp (long, sign bit flipped), id → nothing: documents oldest first, for
 *       retention by age and count;
 *   <li>{@code c}, name → a {@link Counter} (long).
 * </ul>
 * Strings are UTF-8; integers are fixed-width big-endian, so byte order (the stores' order) is
 * numeric order. One store rather than one per key space: each RocksDB store has its own memtables
 * and block cache per task, and each changelog adds a partition to every transaction.
 *
 * <p>Borrows the store (Kafka Streams owns it). Not thread-safe: one stream task's thread.
 */
public final class IndexStore {
    private static final byte DOCUMENT = 'd';
    private static final byte MEMBER = 'm';
    private static final byte BUCKET_SIZE = 's';
    private static final byte AGE = 'a';
    private static final byte COUNTER = 'c';
    private static final byte[] NOTHING = {};
    private static final BytesSerializer PREFIX = new BytesSerializer();

    private final KeyValueStore<Bytes, byte[]> store;
    private final Serde<IndexedVector> documents = SimilaritySerdes.indexedVector();

    /** The counters of a partition. */
    enum Counter {
        /** The sequence number of the next filing. */
        NEXT_SEQUENCE("next-sequence"),
        /** Documents held. */
        DOCUMENTS("documents");

        private final Bytes key;

        Counter(String name) {
            key = key(COUNTER, utf8(name));
        }
    }

    /** A bucket member: where it is filed and which document it is. */
    record Member(IndexedVector.Filing filing, String id) {
    }

    /** A document's place in the age order. */
    record Aged(long timestamp, String id) {
    }

    public IndexStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** An index over an empty in-memory store, for benchmarks and tests. */
    public static IndexStore inMemory() {
        return new IndexStore(Stores.inMemoryKeyValueStore("in-memory-band-index").get());
    }

    IndexedVector document(String id) {
        return documents.deserializer().deserialize("", store.get(key(DOCUMENT, utf8(id))));
    }

    void putDocument(String id, IndexedVector document) {
        store.put(key(DOCUMENT, utf8(id)), documents.serializer().serialize("", document));
    }

    void deleteDocument(String id) {
        store.delete(key(DOCUMENT, utf8(id)));
    }

    void putMember(IndexedVector.Filing filing, String id) {
        store.put(memberKey(filing), utf8(id));
    }

    void deleteMember(IndexedVector.Filing filing) {
        store.delete(memberKey(filing));
    }

    /** The ids of the bucket {@code bandKey}'s members, oldest first (at most the bucket cap). */
    List<String> members(String bandKey) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> members = store.prefixScan(bucketPrefix(bandKey), PREFIX)) {
            members.forEachRemaining(member -> ids.add(new String(member.value, StandardCharsets.UTF_8)));
        }
        return ids;
    }

    /** The oldest member of the bucket {@code bandKey}, if any. */
    Optional<Member> oldestMember(String bandKey) {
        Bytes prefix = bucketPrefix(bandKey);
        try (KeyValueIterator<Bytes, byte[]> members = store.prefixScan(prefix, PREFIX)) {
            if (!members.hasNext()) {
                return Optional.empty();
            }
            KeyValue<Bytes, byte[]> first = members.next();
            long sequence = ByteBuffer.wrap(first.key.get(), prefix.get().length, Long.BYTES).getLong();
            return Optional.of(new Member(new IndexedVector.Filing(bandKey, sequence),
                    new String(first.value, StandardCharsets.UTF_8)));
        }
    }

    int bucketSize(String bandKey) {
        byte[] size = store.get(key(BUCKET_SIZE, utf8(bandKey)));
        return size == null ? 0 : ByteBuffer.wrap(size).getInt();
    }

    /** Records the bucket's size; an empty bucket leaves no entry. */
    void putBucketSize(String bandKey, int size) {
        Bytes key = key(BUCKET_SIZE, utf8(bandKey));
        if (size == 0) {
            store.delete(key);
        } else {
            store.put(key, ByteBuffer.allocate(Integer.BYTES).putInt(size).array());
        }
    }

    void putAge(Aged aged) {
        store.put(ageKey(aged), NOTHING);
    }

    void deleteAge(Aged aged) {
        store.delete(ageKey(aged));
    }

    /** The oldest document (by timestamp, then id), if any. */
    Optional<Aged> oldest() {
        try (KeyValueIterator<Bytes, byte[]> ages = store.prefixScan(Bytes.wrap(new byte[] {AGE}), PREFIX)) {
            if (!ages.hasNext()) {
                return Optional.empty();
            }
            byte[] key = ages.next().key.get();
            long timestamp = ByteBuffer.wrap(key, 1, Long.BYTES).getLong() ^ Long.MIN_VALUE;
            int idStart = 1 + Long.BYTES;
            return Optional.of(new Aged(timestamp, new String(key, idStart, key.length - idStart, StandardCharsets.UTF_8)));
        }
    }

    /** The counter's value; 0 before it is first set. */
    long counter(Counter counter) {
        byte[] value = store.get(counter.key);
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    void putCounter(Counter counter, long value) {
        store.put(counter.key, ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    /** Bytes of all keys and values: what the store and its changelog hold. Reads the whole store (benchmarks). */
    public long sizeInBytes() {
        long bytes = 0;
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> next = all.next();
                bytes += next.key.get().length + next.value.length;
            }
        }
        return bytes;
    }

    private static Bytes bucketPrefix(String bandKey) {
        byte[] key = utf8(bandKey);
        return Bytes.wrap(ByteBuffer.allocate(1 + Integer.BYTES + key.length).put(MEMBER).putInt(key.length).put(key)
                .array());
    }

    private static Bytes memberKey(IndexedVector.Filing filing) {
        byte[] prefix = bucketPrefix(filing.bandKey()).get();
        byte[] key = Arrays.copyOf(prefix, prefix.length + Long.BYTES);
        ByteBuffer.wrap(key, prefix.length, Long.BYTES).putLong(filing.sequence());
        return Bytes.wrap(key);
    }

    private static Bytes ageKey(Aged aged) {
        byte[] id = utf8(aged.id());
        // the flipped sign bit orders negative timestamps before positive ones in unsigned byte order
        return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + id.length).put(AGE)
                .putLong(aged.timestamp() ^ Long.MIN_VALUE).put(id).array());
    }

    private static Bytes key(byte space, byte[] suffix) {
        byte[] key = new byte[1 + suffix.length];
        key[0] = space;
        System.arraycopy(suffix, 0, key, 1, suffix.length);
        return Bytes.wrap(key);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
