package io.wenliu.topology.similar;

import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The durable copy of one index partition (document id → {@link IndexedVector}): a Kafka Streams
 * store in the topology, or an in-memory map of serialised entries in benchmarks, which then
 * reports the bytes a store would hold.
 */
public interface IndexStore {

    void put(String id, IndexedVector entry);

    void delete(String id);

    /** Calls {@code action} for every entry. */
    void forEach(BiConsumer<String, IndexedVector> action);

    /** A view of a Streams store, which Kafka Streams owns. */
    static IndexStore of(KeyValueStore<String, IndexedVector> store) {
        return new IndexStore() {
            @Override
            public void put(String id, IndexedVector entry) {
                store.put(id, entry);
            }

            @Override
            public void delete(String id) {
                store.delete(id);
            }

            @Override
            public void forEach(BiConsumer<String, IndexedVector> action) {
                try (KeyValueIterator<String, IndexedVector> all = store.all()) {
                    while (all.hasNext()) {
                        KeyValue<String, IndexedVector> next = all.next();
                        action.accept(next.key, next.value);
                    }
                }
            }
        };
    }

    /** An in-memory store that keeps entries serialised with the store's serde, for benchmarks. Not thread-safe. */
    static Serialized inMemory() {
        return new Serialized();
    }

    /** Entries held as the bytes a Streams store (and its changelog) would hold. */
    final class Serialized implements IndexStore {
        private final java.util.Map<String, byte[]> entries = new java.util.HashMap<>();
        private final Serde<IndexedVector> serde = SimilaritySerdes.indexedVector();
        private long bytes;

        Serialized() {
        }

        @Override
        public void put(String id, IndexedVector entry) {
            byte[] value = serde.serializer().serialize("", entry);
            byte[] old = entries.put(id, value);
            bytes += value.length - (old == null ? -keyBytes(id) : old.length);
        }

        @Override
        public void delete(String id) {
            byte[] old = entries.remove(id);
            if (old != null) {
                bytes -= old.length + keyBytes(id);
            }
        }

        @Override
        public void forEach(BiConsumer<String, IndexedVector> action) {
            entries.forEach((id, value) -> action.accept(id, serde.deserializer().deserialize("", value)));
        }

        /** Bytes of all keys and values. */
        public long sizeInBytes() {
            return bytes;
        }

        public int size() {
            return entries.size();
        }

        private static int keyBytes(String id) {
            return id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
    }
}
