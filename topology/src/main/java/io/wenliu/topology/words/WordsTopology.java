package io.wenliu.topology.words;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.StoreNames;
import io.wenliu.topology.similar.InternalTopicTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.Stores;

/**
 * The dictionary topic and new-word discovery:
 *
 * <pre>
 * dictionary-source (dictionary topic, global: every instance reads all of it)
 *   → dictionary-update   keep the global store and the LiveDictionary the segmentation stages read
 *
 * words-source (enriched topic)
 *   → word-window         last N documents per partition; every interval, its best candidates by word
 *   → word-candidates-repartition (internal, keyed by word)
 *   → word-merge          sum the partitions' recent reports of a word
 *     → word-candidates-sink (candidates topic)
 *     → dictionary-sink     (dictionary topic; only with auto-accept)
 * </pre>
 * Stateless utility.
 */
public final class WordsTopology {
    /** Partition reports keyed by word, so that all reports of one word meet in one merge task. */
    static final String REPORTS_TOPIC = "word-candidates-repartition";

    private WordsTopology() {
    }

    /** Adds the global dictionary store that keeps {@code dictionary} up to date. */
    public static void addDictionary(InternalTopicTopology topology, WordsSettings settings, LiveDictionary dictionary) {
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.DICTIONARY), Serdes.String(),
                        AvroSerde.dictionaryEntry()).withLoggingDisabled(), // the topic is its own changelog
                NodeNames.DICTIONARY_SOURCE, new StringDeserializer(), AvroSerde.dictionaryEntry().deserializer(),
                settings.dictionaryTopic(), NodeNames.DICTIONARY_UPDATE, () -> new DictionaryUpdateProcessor(dictionary));
    }

    /** Adds discovery over the enriched topic. */
    public static void addDiscovery(InternalTopicTopology topology, WordsSettings settings, String enrichedTopic,
                                    LiveDictionary dictionary) {
        topology.addRepartitionTopic(REPORTS_TOPIC);
        topology.addSource(NodeNames.WORDS_SOURCE, new StringDeserializer(),
                AvroSerde.enrichedDocument().deserializer(), enrichedTopic);
        topology.addProcessor(NodeNames.WORD_WINDOW, () -> new WordWindowProcessor(settings), NodeNames.WORDS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.WORD_WINDOW),
                Serdes.Long(), Serdes.String()), NodeNames.WORD_WINDOW);
        topology.addSink(NodeNames.WORD_REPORTS_SINK, REPORTS_TOPIC, new StringSerializer(), new StringSerializer(),
                NodeNames.WORD_WINDOW);
        topology.addSource(NodeNames.WORD_REPORTS_SOURCE, new StringDeserializer(), new StringDeserializer(), REPORTS_TOPIC);
        topology.addProcessor(NodeNames.WORD_MERGE, () -> new CandidateMergeProcessor(settings, dictionary),
                NodeNames.WORD_REPORTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.WORD_REPORTS),
                Serdes.String(), Serdes.String()), NodeNames.WORD_MERGE);
        topology.addSink(NodeNames.WORD_CANDIDATES_SINK, settings.candidatesTopic(), new StringSerializer(),
                AvroSerde.discoveredWord().serializer(), NodeNames.WORD_MERGE);
        topology.addSink(NodeNames.DICTIONARY_SINK, settings.dictionaryTopic(), new StringSerializer(),
                AvroSerde.dictionaryEntry().serializer(), NodeNames.WORD_MERGE);
    }
}
