package io.wenliu.topology.batch;

import io.wenliu.topology.StoreNames;
import io.wenliu.topology.validate.ValidatedDocument;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The documents waiting for their micro-batch, kept in a persistent, changelogged key-value store
 * ({@link StoreNames#BATCH_BUFFER}) rather than in memory, so that a crash or a rebalance loses
 * none of them: the task that takes the partition over restores the store and flushes what it
 * finds.
 *
 * <p>Keys are a per-store sequence number, zero-padded to 19 digits so that the store's byte order
 * is arrival order. Under {@code exactly_once_v2}, the store's changelog writes, the output records
 * and the input offsets are committed in one transaction: after a failure the store holds exactly
 * the documents whose input offsets were committed and not yet flushed, and everything after them is
 * read again, so no document is lost or enriched twice.
 *
 * <p>Lifecycle: opened in the processor's {@code init} over the store Kafka Streams hands it (the
 * store belongs to Kafka Streams, which closes it). Not thread-safe: one stream task's thread.
 */
public final class BatchBuffer {
    private static final String KEY_FORMAT = "%019d";

    private final KeyValueStore<String, ValidatedDocument> store;
    private long nextSequence;
    private int size;

    /** Opens the buffer over {@code store}, counting the documents it already holds (restored ones). */
    public BatchBuffer(KeyValueStore<String, ValidatedDocument> store) {
        this.store = store;
        try (KeyValueIterator<String, ValidatedDocument> all = store.all()) {
            while (all.hasNext()) {
                nextSequence = Long.parseLong(all.next().key) + 1; // ascending, so the last one wins
                size++;
            }
        }
    }

    /** The builder of the persistent, changelogged store that backs the buffer. */
    public static StoreBuilder<KeyValueStore<String, ValidatedDocument>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.BATCH_BUFFER),
                Serdes.String(), new ValidatedDocumentSerde());
    }

    public void append(ValidatedDocument document) {
        store.put(String.format(KEY_FORMAT, nextSequence++), document);
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Removes and returns the oldest {@code max} documents (fewer if fewer wait), oldest first. */
    public List<ValidatedDocument> drain(int max) {
        List<KeyValue<String, ValidatedDocument>> oldest = new ArrayList<>(Math.min(max, size));
        try (KeyValueIterator<String, ValidatedDocument> all = store.all()) {
            while (all.hasNext() && oldest.size() < max) {
                oldest.add(all.next());
            }
        }
        List<ValidatedDocument> documents = new ArrayList<>(oldest.size());
        for (KeyValue<String, ValidatedDocument> entry : oldest) {
            store.delete(entry.key);
            documents.add(entry.value);
        }
        size -= documents.size();
        return documents;
    }
}
