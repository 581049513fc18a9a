package io.wenliu.topology.similar;

import io.micrometer.core.instrument.MeterRegistry;
import io.wenliu.models.similarity.RandomHyperplaneLsh;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.SimilarityLink;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.StoreNames;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The streaming similar-document index, added to {@code WenliuTopology} when an
 * {@link EmbeddingStageFactory} is deployed:
 *
 * <pre>
 * enrich ─→ similarity-fanout ─┬─ shard probes, by index shard of the LSH band keys ─→ [similarity-bands-repartition]
 *                              │     ─→ similarity-band-index (store similarity-band-index) ─→ band answers, keyed by id ─┐
 *                              └─ the document, keyed by id ──────────────────────────────────────────────────────────────┤
 *                                                           [similarity-answers-repartition]
 *     ─→ similarity-merge (store similarity-pending) ─┬→ enriched-sink (enriched topic)
 *                                                     └→ similar-sink (wenliu.similar: SimilarityLink)
 * </pre>
 *
 * <p>Random-hyperplane LSH band keys decide the partition (through their index shard, {@link ShardProbe}),
 * so documents that are likely similar meet on one partition however they were partitioned on input;
 * there the exact cosine decides. A document sends one probe per shard its band keys fall in, and
 * gets one answer per probe, not one per band. With N instances each holds only its partitions' share
 * of the index. Both stores are
 * changelogged, and under {@code exactly_once_v2} every step commits its state, its output and its
 * input offsets atomically: a failover loses or repeats nothing, and each document still yields
 * exactly one enriched record (written by the merge step once all its bands have answered).
 *
 * <p>Stateless utility.
 */
public final class SimilarityTopology {
    /** Repartition topic of shard probes (created by Kafka Streams as {@code <application.id>-similarity-bands-repartition}). */
    public static final String BANDS_TOPIC = "similarity-bands-repartition";
    /** Repartition topic of documents and band answers, keyed by document id. */
    public static final String ANSWERS_TOPIC = "similarity-answers-repartition";

    private SimilarityTopology() {
    }

    /**
     * The embedding stage among {@code stages}, if any.
     *
     * @throws IllegalArgumentException if more than one is deployed
     */
    public static Optional<EmbeddingStageFactory> embeddingStage(List<? extends EnrichmentStageFactory> stages) {
        List<EmbeddingStageFactory> embedding = stages.stream().filter(EmbeddingStageFactory.class::isInstance)
                .map(EmbeddingStageFactory.class::cast).filter(EmbeddingStageFactory::writesEmbeddings).toList();
        if (embedding.size() > 1) {
            throw new IllegalArgumentException("At most one embedding stage can feed the similarity index, got "
                    + embedding.stream().map(EnrichmentStageFactory::name).toList());
        }
        return embedding.stream().findFirst();
    }

    /**
     * Adds the index below {@code parent}, whose enriched documents (with embeddings) it takes; it
     * ends in {@link NodeNames#ENRICHED_SINK} and {@link NodeNames#SIMILAR_SINK}.
     */
    public static void addTo(InternalTopicTopology topology, String parent, String enrichedTopic,
                             EmbeddingStageFactory embedding, MeterRegistry registry) {
        SimilaritySettings settings = embedding.similarity();
        RandomHyperplaneLsh lsh = new RandomHyperplaneLsh(embedding.dimension(), settings.bands(),
                settings.rowsPerBand(), settings.lshSeed(), embedding.spread());
        topology.addRepartitionTopic(BANDS_TOPIC);
        topology.addRepartitionTopic(ANSWERS_TOPIC);

        topology.addProcessor(NodeNames.SIMILARITY_FANOUT, () -> new SimilarityFanoutProcessor(lsh, settings.shards()),
                parent);
        StreamPartitioner<String, ShardProbe> byShard = (topic, key, probe, partitions) ->
                Optional.of(Set.of(ShardProbe.partition(probe.shard(), partitions)));
        topology.addSink(NodeNames.SIMILARITY_BANDS_SINK, BANDS_TOPIC, new StringSerializer(),
                SimilaritySerdes.shardProbe().serializer(), byShard, NodeNames.SIMILARITY_FANOUT);

        topology.addSource(NodeNames.SIMILARITY_BANDS_SOURCE, new StringDeserializer(),
                SimilaritySerdes.shardProbe().deserializer(), BANDS_TOPIC);
        topology.addProcessor(NodeNames.SIMILARITY_BAND_INDEX, () -> new BandIndexProcessor(settings),
                NodeNames.SIMILARITY_BANDS_SOURCE);
        topology.addStateStore(indexStore(), NodeNames.SIMILARITY_BAND_INDEX);
        // two sinks to one topic: a shared sink would fuse the input and band sub-topologies into one
        topology.addSink(NodeNames.SIMILARITY_ANSWERS_SINK, ANSWERS_TOPIC, new StringSerializer(),
                SimilaritySerdes.message().serializer(), NodeNames.SIMILARITY_FANOUT);
        topology.addSink(NodeNames.SIMILARITY_BAND_ANSWERS_SINK, ANSWERS_TOPIC, new StringSerializer(),
                SimilaritySerdes.message().serializer(), NodeNames.SIMILARITY_BAND_INDEX);

        topology.addSource(NodeNames.SIMILARITY_ANSWERS_SOURCE, new StringDeserializer(),
                SimilaritySerdes.message().deserializer(), ANSWERS_TOPIC);
        topology.addProcessor(NodeNames.SIMILARITY_MERGE, () -> new SimilarityMergeProcessor(settings, registry),
                NodeNames.SIMILARITY_ANSWERS_SOURCE);
        topology.addStateStore(pendingStore(), NodeNames.SIMILARITY_MERGE);
        topology.addSink(NodeNames.ENRICHED_SINK, enrichedTopic, new StringSerializer(),
                AvroSerde.enrichedDocument().serializer(), NodeNames.SIMILARITY_MERGE);
        topology.addSink(NodeNames.SIMILAR_SINK, settings.similarTopic(), new StringSerializer(),
                linkSerde().serializer(),
                NodeNames.SIMILARITY_MERGE);
    }

    /** The serde of the facet topic's values. */
    public static AvroSerde<SimilarityLink> linkSerde() {
        return new AvroSerde<>(SimilarityLink.class, SimilarityLink.getClassSchema());
    }

    /** Keys and values are {@link IndexStore}'s bytes; the record cache absorbs rewrites of its counters between commits. */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> indexStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SIMILARITY_BAND_INDEX),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<String, PendingSimilarity>> pendingStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SIMILARITY_PENDING),
                Serdes.String(), SimilaritySerdes.pendingSimilarity()).withCachingEnabled();
    }
}
