package io.wenliu.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.GeneratedClasses;
import io.wenliu.topology.batch.BatchBuffer;
import io.wenliu.topology.deadletter.DeadLetterProcessingExceptionHandler;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.infer.BatchingEnrichmentProcessor;
import io.wenliu.topology.output.EnrichedDocumentAssembler;
import io.wenliu.topology.output.EntityFacetProcessor;
import io.wenliu.topology.similar.EmbeddingStageFactory;
import io.wenliu.topology.similar.InternalTopicTopology;
import io.wenliu.topology.similar.SimilarityTopology;
import io.wenliu.topology.words.SegmentingStageFactory;
import io.wenliu.topology.words.WordsSettings;
import io.wenliu.topology.words.WordsTopology;
import io.wenliu.topology.validate.DocumentDecoder;
import io.wenliu.topology.validate.DocumentValidator;
import io.wenliu.topology.validate.ValidateProcessor;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;

/**
 * Wenliu's Kafka Streams topology, built with the Processor API:
 *
 * <pre>
 * documents-source (input topic, raw bytes)
 *   → validate      decode the Avro value, validate the document    ─┐
 *   → enrich        buffer, run the enrichment stages on batches    ─┤→ dead-letter-sink (dead-letter topic)
 *   → enriched-sink (enriched topic)                                 ┘
 *   → entity-facet  one EntityMention per entity of an enriched document
 *     → entities-sink (entities facet topic)
 * </pre>
 * When an embedding stage ({@link EmbeddingStageFactory}) is deployed, the enriched documents pass
 * through the streaming similar-document index ({@link SimilarityTopology}) on their way to the
 * enriched sink, and the index's last step writes the entity mentions with the enriched record.
 *
 * <p>The source reads raw bytes, so no record can fail before Wenliu can dead-letter it with its
 * original key and value bytes and its topic, partition and offset. Every record-level failure
 * (a record too large, tombstone, undeserializable bytes, unknown schema, missing or invalid id,
 * empty, too long or invalid text, a stage failing on a document, an enriched record that cannot be
 * written or is too large) becomes one dead letter and processing continues; every record written
 * stays within {@link RecordLimits}. An unforeseen exception on one record is dead-lettered by the
 * processing exception handler; a systemic failure (an unavailable model, Kafka Streams' own errors)
 * stops the client rather than skip records. The text is never rewritten (see
 * {@code io.wenliu.topology.normalize}).
 *
 * <p>Stateless utility; the built {@link Topology} holds the stage factories, which the caller owns
 * and closes after the {@code KafkaStreams} instance is closed.
 */
public final class WenliuTopology {
    static {
        GeneratedClasses.trust();
    }

    private WenliuTopology() {
    }

    /** The topology, counting into Micrometer's global registry. */
    public static Topology build(TopologySettings settings, List<EnrichmentStageFactory> stages) {
        return build(settings, stages, Metrics.globalRegistry);
    }

    /**
     * The topology.
     *
     * @param stages   factories of the enrichment stages, in the order the stages run (borrowed)
     * @param registry where the topology's meters go
     */
    public static Topology build(TopologySettings settings, List<EnrichmentStageFactory> stages,
                                 MeterRegistry registry) {
        return build(settings, stages, registry, WordsSettings.defaults());
    }

    /**
     * The topology with the dictionary topic and new-word discovery ({@link WordsTopology}) when a
     * segmenting stage ({@link SegmentingStageFactory}: segmentation, or the student) is deployed.
     */
    public static Topology build(TopologySettings settings, List<EnrichmentStageFactory> stages,
                                 MeterRegistry registry, WordsSettings words) {
        List<EnrichmentStageFactory> factories = List.copyOf(stages);
        DocumentDecoder decoder = new DocumentDecoder();
        RecordLimits limits = settings.limits();
        DocumentValidator validator = new DocumentValidator(settings.maxTextChars(), limits.maxIdBytes());
        InternalTopicTopology topology = new InternalTopicTopology();
        Optional<EmbeddingStageFactory> embedding = SimilarityTopology.embeddingStage(factories);
        String enrichedChild = embedding.isPresent() ? NodeNames.SIMILARITY_FANOUT : NodeNames.ENRICHED_SINK;
        EnrichedDocumentAssembler assembler = new EnrichedDocumentAssembler(limits.maxOutputBytes(),
                embedding.map(e -> OptionalInt.of(e.dimension())).orElse(OptionalInt.empty()));
        topology.addSource(NodeNames.SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                settings.inputTopic());
        topology.addProcessor(NodeNames.VALIDATE, () -> new ValidateProcessor(decoder, validator, limits, registry),
                NodeNames.SOURCE);
        topology.addProcessor(NodeNames.ENRICH, () -> new BatchingEnrichmentProcessor(factories, settings.batch(),
                registry, assembler, limits, enrichedChild), NodeNames.VALIDATE);
        topology.addStateStore(BatchBuffer.storeBuilder(), NodeNames.ENRICH);
        // the node that writes the enriched record also writes its entity mentions: one transaction
        String entityFacetParent;
        if (embedding.isPresent()) { // the similarity index writes the enriched records
            SimilarityTopology.addTo(topology, NodeNames.ENRICH, settings.enrichedTopic(), embedding.get(), registry);
            entityFacetParent = NodeNames.SIMILARITY_MERGE;
        } else {
            topology.addSink(NodeNames.ENRICHED_SINK, settings.enrichedTopic(), new StringSerializer(),
                    AvroSerde.enrichedDocument().serializer(), NodeNames.ENRICH);
            entityFacetParent = NodeNames.ENRICH;
        }
        topology.addProcessor(NodeNames.ENTITY_FACET, EntityFacetProcessor::new, entityFacetParent);
        topology.addSink(NodeNames.ENTITIES_SINK, settings.entitiesTopic(), new StringSerializer(),
                AvroSerde.entityMention().serializer(), NodeNames.ENTITY_FACET);
        topology.addSink(NodeNames.DEAD_LETTER_SINK, settings.deadLetterTopic(), new ByteArraySerializer(),
                AvroSerde.deadLetter().serializer(), NodeNames.VALIDATE, NodeNames.ENRICH);
        addWords(topology, settings, words, factories);
        return topology;
    }

    private static void addWords(InternalTopicTopology topology, TopologySettings settings, WordsSettings words,
                                 List<EnrichmentStageFactory> factories) {
        factories.stream().filter(SegmentingStageFactory.class::isInstance).map(SegmentingStageFactory.class::cast)
                .filter(SegmentingStageFactory::segments).findFirst().ifPresent(segmentation -> {
                    WordsTopology.addDictionary(topology, words, segmentation.dictionary());
                    if (words.discoveryEnabled()) {
                        WordsTopology.addDiscovery(topology, words, settings.enrichedTopic(), segmentation.dictionary());
                    }
                });
    }

    /**
     * Streams settings the topology is designed for; the app adds bootstrap servers, the
     * application id and the user's overrides.
     * <ul>
     *   <li>{@code exactly_once_v2}: the batch buffer's changelog, the outputs and the input offsets
     *       commit in one transaction, so a crash loses or duplicates nothing;</li>
     *   <li>a processing exception handler that dead-letters a record whose processor threw something
     *       the processors did not foresee ({@link DeadLetterProcessingExceptionHandler}) and fails on
     *       systemic failures; deserialization and production handlers that fail: the source reads
     *       raw bytes and every output is checked before it is written, so anything reaching them is
     *       systemic and must not be skipped silently.</li>
     * </ul>
     */
    public static Properties recommendedStreamsConfig() {
        return recommendedStreamsConfig(TopologySettings.defaults());
    }

    /** The recommended settings for a topology built with {@code settings} (its dead-letter topic and limits). */
    public static Properties recommendedStreamsConfig(TopologySettings settings) {
        Properties config = new Properties();
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingExceptionHandler.class.getName());
        config.put(DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG, settings.deadLetterTopic());
        config.put(DeadLetterProcessingExceptionHandler.MAX_RECORD_BYTES_CONFIG,
                String.valueOf(settings.limits().maxRecordBytes()));
        // also for global threads: the default until Kafka 5.0, which Streams warns about at every start.
        // The partition assignor builds its StreamsConfig from the main consumer's settings, which keep only
        // consumer settings and main.consumer.* ones: without the prefixed copy it warns although this is set.
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        config.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailExceptionHandler.class.getName());
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DefaultProductionExceptionHandler.class.getName());
        return config;
    }
}
