package io.wenliu.topology.similar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.BytesSerializer;
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
 *   <li>{@code d}, id → the document's timestamp (long): the documents held;
 *   <li>{@code f}, id length (int), id, band key → insertion sequence (long): the buckets a document
 *       is filed in, in one prefix scan, to take it out of all of them;
 *   <li>{@code m}, band key length (int), band key, insertion sequence (long) → format (byte, 1),
 *       timestamp (long), id length (int), id, scale (float), embedding in 16-bit fixed point (shorts,
 *       component = scale × short): a bucket's members with their vectors, oldest first, in one prefix
 *       scan, so that a lookup reads one contiguous range and nothing else;
 *   <li>{@code a}, timestamp (long, sign bit flipped), id → nothing: documents oldest first, for
 *       retention by age and count;
 *   <li>{@code c}, name → a {@link Counter} (long).
 * </ul>
 * Strings are UTF-8; integers are fixed-width big-endian, so byte order (the stores' order) is
 * numeric order; a length before a string keeps one key's prefix from matching a longer one. One
 * store rather than one per key space: each RocksDB store has its own memtables and block cache per
 * task, and each changelog adds a partition to every transaction. A vector is stored once per bucket
 * that holds the document rather than once per document: more bytes on disk (up to one vector per
 * band), but a lookup reads no vector by id, which made it several times slower. Fixed point halves
 * those bytes (each is written to the changelog too, the index's main cost in the pipeline) and scores
 * as floats do: a component is off by at most 1/65,534 of the largest, a cosine by ~1e-6.
 *
 * <p>Stores written before December 2026 hold members as floats with no format byte (its place holds
 * the timestamp's high byte, 0), read as they are, and {@code s}, band key → the bucket's size, no
 * longer read or written (a bucket's size is the length of its scan): a few bytes per bucket ever used.
 *
 * <p>Borrows the store (Kafka Streams owns it). Not thread-safe: one stream task's thread.
 */
final class IndexStore {
    private static final byte DOCUMENT = 'd';
    private static final byte FILING = 'f';
    private static final byte MEMBER = 'm';
    private static final byte AGE = 'a';
    private static final byte COUNTER = 'c';
    /** First byte of a member value in 16-bit fixed point (float values before began with a timestamp's high byte, 0). */
    private static final byte FIXED_POINT_MEMBER = 1;
    private static final byte[] NOTHING = {};
    private static final BytesSerializer PREFIX = new BytesSerializer();

    private final KeyValueStore<Bytes, byte[]> store;

    /** The counters of a partition. */
    enum Counter {
        /** The sequence number of the next filing. */
        NEXT_SEQUENCE("next-sequence"),
        /** Documents held. */
        DOCUMENTS("documents");

        private final Bytes key;

        Counter(String name) {
            byte[] bytes = utf8(name);
            key = Bytes.wrap(ByteBuffer.allocate(1 + bytes.length).put(COUNTER).put(bytes).array());
        }
    }

    /**
     * A document's place in one bucket.
     *
     * @param bandKey  the bucket
     * @param sequence the partition's insertion sequence number when the document joined the bucket,
     *                 which orders the bucket oldest first
     */
    record Filing(String bandKey, long sequence) {
        Filing {
            Objects.requireNonNull(bandKey, "bandKey");
        }
    }

    /**
     * A bucket member.
     *
     * @param filing    where it is filed
     * @param id        the document's id
     * @param timestamp the document's record timestamp
     * @param vector    the document's L2-normalised embedding
     */
    record Member(Filing filing, String id, long timestamp, float[] vector) {
    }

    /** A document's place in the age order. */
    record Aged(long timestamp, String id) {
    }

    IndexStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** An index over an empty in-memory store, for benchmarks and tests. */
    static IndexStore inMemory() {
        return new IndexStore(Stores.inMemoryKeyValueStore("in-memory-band-index").get());
    }

    /** The timestamp of the document {@code id}, if the partition holds it. */
    OptionalLong timestamp(String id) {
        byte[] timestamp = store.get(documentKey(id));
        return timestamp == null ? OptionalLong.empty() : OptionalLong.of(ByteBuffer.wrap(timestamp).getLong());
    }

    void putDocument(String id, long timestamp) {
        store.put(documentKey(id), longBytes(timestamp));
    }

    void deleteDocument(String id) {
        store.delete(documentKey(id));
    }

    void putFiling(String id, Filing filing) {
        store.put(filingKey(id, filing.bandKey()), longBytes(filing.sequence()));
    }

    void deleteFiling(String id, String bandKey) {
        store.delete(filingKey(id, bandKey));
    }

    /** The buckets the document {@code id} is filed in. */
    List<Filing> filings(String id) {
        List<Filing> filings = new ArrayList<>();
        Bytes prefix = lengthPrefixed(FILING, id);
        int bandKeyStart = prefix.get().length;
        try (KeyValueIterator<Bytes, byte[]> scan = store.prefixScan(prefix, PREFIX)) {
            scan.forEachRemaining(filing -> filings.add(new Filing(
                    new String(filing.key.get(), bandKeyStart, filing.key.get().length - bandKeyStart,
                            StandardCharsets.UTF_8),
                    ByteBuffer.wrap(filing.value).getLong())));
        }
        return filings;
    }

    void putMember(Member member) {
        byte[] id = utf8(member.id());
        float[] vector = member.vector();
        float largest = 0f;
        for (float x : vector) {
            largest = Math.max(largest, Math.abs(x));
        }
        float scale = largest > 0f ? largest / Short.MAX_VALUE : 1f;
        ByteBuffer value = ByteBuffer.allocate(1 + Long.BYTES + Integer.BYTES + id.length + Float.BYTES
                        + vector.length * Short.BYTES)
                .put(FIXED_POINT_MEMBER).putLong(member.timestamp()).putInt(id.length).put(id).putFloat(scale);
        for (float x : vector) {
            value.putShort((short) Math.round(x / scale));
        }
        store.put(memberKey(member.filing()), value.array());
    }

    void deleteMember(Filing filing) {
        store.delete(memberKey(filing));
    }

    /** The members of the bucket {@code bandKey}, oldest first (at most the bucket cap). */
    List<Member> members(String bandKey) {
        List<Member> members = new ArrayList<>();
        Bytes prefix = lengthPrefixed(MEMBER, bandKey);
        try (KeyValueIterator<Bytes, byte[]> scan = store.prefixScan(prefix, PREFIX)) {
            scan.forEachRemaining(member -> members.add(toMember(bandKey, prefix, member)));
        }
        return members;
    }

    /** The oldest member of the bucket {@code bandKey}, if any. */
    Optional<Member> oldestMember(String bandKey) {
        Bytes prefix = lengthPrefixed(MEMBER, bandKey);
        try (KeyValueIterator<Bytes, byte[]> scan = store.prefixScan(prefix, PREFIX)) {
            return scan.hasNext() ? Optional.of(toMember(bandKey, prefix, scan.next())) : Optional.empty();
        }
    }

    /** The member at {@code filing}, if the store holds it. */
    Optional<Member> member(Filing filing) {
        byte[] value = store.get(memberKey(filing));
        return value == null ? Optional.empty() : Optional.of(toMember(filing, value));
    }

    private static Member toMember(String bandKey, Bytes prefix, KeyValue<Bytes, byte[]> entry) {
        long sequence = ByteBuffer.wrap(entry.key.get(), prefix.get().length, Long.BYTES).getLong();
        return toMember(new Filing(bandKey, sequence), entry.value);
    }

    private static Member toMember(Filing filing, byte[] bytes) {
        ByteBuffer value = ByteBuffer.wrap(bytes);
        boolean fixedPoint = value.get(0) == FIXED_POINT_MEMBER;
        if (fixedPoint) {
            value.get();
        }
        long timestamp = value.getLong();
        byte[] id = new byte[value.getInt()];
        value.get(id);
        float[] vector;
        if (fixedPoint) {
            float scale = value.getFloat();
            vector = new float[value.remaining() / Short.BYTES];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = value.getShort() * scale;
            }
        } else {
            vector = new float[value.remaining() / Float.BYTES];
            value.asFloatBuffer().get(vector);
        }
        return new Member(filing, new String(id, StandardCharsets.UTF_8), timestamp, vector);
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
        store.put(counter.key, longBytes(value));
    }

    /** Bytes of all keys and values: what the store and its changelog hold. Reads the whole store (benchmarks). */
    long sizeInBytes() {
        long bytes = 0;
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> next = all.next();
                bytes += next.key.get().length + next.value.length;
            }
        }
        return bytes;
    }

    private static Bytes documentKey(String id) {
        byte[] bytes = utf8(id);
        return Bytes.wrap(ByteBuffer.allocate(1 + bytes.length).put(DOCUMENT).put(bytes).array());
    }

    private static Bytes filingKey(String id, String bandKey) {
        byte[] prefix = lengthPrefixed(FILING, id).get();
        byte[] band = utf8(bandKey);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + band.length).put(prefix).put(band).array());
    }

    private static Bytes memberKey(Filing filing) {
        byte[] prefix = lengthPrefixed(MEMBER, filing.bandKey()).get();
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(filing.sequence()).array());
    }

    private static Bytes ageKey(Aged aged) {
        byte[] id = utf8(aged.id());
        // the flipped sign bit orders negative timestamps before positive ones in unsigned byte order
        return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + id.length).put(AGE)
                .putLong(aged.timestamp() ^ Long.MIN_VALUE).put(id).array());
    }

    /** The tag, the string's length and the string. */
    private static Bytes lengthPrefixed(byte space, String value) {
        byte[] bytes = utf8(value);
        return Bytes.wrap(ByteBuffer.allocate(1 + Integer.BYTES + bytes.length).put(space).putInt(bytes.length).put(bytes)
                .array());
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
