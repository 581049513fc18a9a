package io.wenliu.topology.words;

import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.topology.StoreNames;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global dictionary store and this instance's {@link LiveDictionary} in step with the
 * dictionary topic. Runs on the global stream thread of every instance, so every instance sees every
 * entry. On {@link #init} it loads the store Kafka Streams has restored, so a restart applies the whole
 * dictionary before the first document. An invalid entry (a SPLIT whose pieces do not join to the
 * word) is logged and ignored: one operator typo must not stop segmentation. Borrows the store.
 */
final class DictionaryUpdateProcessor implements Processor<String, DictionaryEntry, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(DictionaryUpdateProcessor.class);

    private final LiveDictionary dictionary;
    private KeyValueStore<String, DictionaryEntry> store;

    DictionaryUpdateProcessor(LiveDictionary dictionary) {
        this.dictionary = dictionary;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.DICTIONARY);
        int loaded = 0;
        try (KeyValueIterator<String, DictionaryEntry> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, DictionaryEntry> entry = all.next();
                if (problem(entry.key, entry.value).isEmpty()) {
                    dictionary.apply(entry.key, entry.value);
                    loaded++;
                }
            }
        }
        LOG.info("Dictionary topic: {} entries applied", loaded);
    }

    @Override
    public void process(Record<String, DictionaryEntry> record) {
        if (record.key() == null) {
            LOG.error("Dictionary record without a key ignored: entries are keyed by their word");
            return;
        }
        Optional<String> problem = problem(record.key(), record.value());
        if (problem.isPresent()) {
            LOG.error("Dictionary entry for '{}' ignored: {}; write a corrected one with 'wenliu dictionary add'",
                    record.key(), problem.get());
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        dictionary.apply(record.key(), record.value());
    }

    private static Optional<String> problem(String key, DictionaryEntry entry) {
        if (entry == null) {
            return Optional.empty();
        }
        if (!key.equals(entry.getWord())) {
            return Optional.of("its key '" + key + "' differs from its word '" + entry.getWord() + "'");
        }
        return LiveDictionary.problemWith(entry);
    }
}
