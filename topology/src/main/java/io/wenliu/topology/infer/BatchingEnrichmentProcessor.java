package io.wenliu.topology.infer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.RecordLimits;
import io.wenliu.topology.StoreNames;
import io.wenliu.topology.batch.BatchBuffer;
import io.wenliu.topology.batch.BatchSettings;
import io.wenliu.topology.deadletter.DeadLetterHandler;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.deadletter.Provenance;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentItem.StageFailure;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.output.EnrichedDocumentAssembler;
import io.wenliu.topology.output.EnrichedDocumentAssembler.InvalidOutputException;
import io.wenliu.topology.validate.ValidatedDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers validated documents and runs the enrichment stages on micro-batches of them, writing one
 * {@link EnrichedDocument} to {@link NodeNames#ENRICHED_SINK} (and, when it has entities, to
 * {@link NodeNames#ENTITY_FACET}) or one dead letter to {@link NodeNames#DEAD_LETTER_SINK} per document.
 * When the similarity index is deployed, the enriched record goes to it instead, and the index writes
 * the record and its entity mentions. Every enriched record carries the header
 * {@link Provenance#SOURCE_HEADER} naming its input record.
 *
 * <p>A batch runs as soon as {@link BatchSettings#maxSize()} documents wait, and otherwise from a
 * wall-clock punctuation every {@link BatchSettings#maxWait()}, which flushes whatever waits. With no
 * stages deployed there is nothing to batch for, and each document is written at once. Waiting
 * documents live in the changelogged {@link BatchBuffer}, never only in memory: after a crash or a
 * rebalance, the task that owns the partition restores the buffer before {@link #init} and the first
 * punctuation flushes the restored documents. Under {@code exactly_once_v2} the buffer's changelog,
 * the outputs and the input offsets commit atomically, so nothing is lost or written twice.
 *
 * <p>Lifecycle: Kafka Streams creates one instance per task; {@link #init} opens one
 * {@link EnrichmentStage} per factory, which this instance owns and {@link #close}s; {@code init} may
 * run again after {@code close}. The factories and the store are borrowed. Not thread-safe: one
 * stream task's thread.
 */
public final class BatchingEnrichmentProcessor
        extends ContextualProcessor<String, ValidatedDocument, String, EnrichedDocument> {
    /** Counter of enriched documents written. */
    public static final String ENRICHED_METER = "wenliu.documents.enriched";
    /** Distribution of the number of documents per batch. */
    public static final String BATCH_SIZE_METER = "wenliu.batch.size";

    /** The {@code DeadLetter.stage} of documents whose enriched record cannot be written. */
    public static final String ASSEMBLE_STAGE = "assemble";

    private static final Logger LOG = LoggerFactory.getLogger(BatchingEnrichmentProcessor.class);

    private final List<EnrichmentStageFactory> factories;
    private final String enrichedChild;
    private final BatchSettings settings;
    private final MeterRegistry registry;
    private final EnrichedDocumentAssembler assembler;
    private final RecordLimits limits;
    /** Whether entity mentions go out from here: only when the enriched record does, for one transaction. */
    private final boolean entityFacetChild;

    private List<EnrichmentStage> stages = List.of();
    private List<ModelVersion> models;
    private EnrichmentPipeline pipeline;
    private BatchBuffer buffer;
    private DeadLetterHandler deadLetters;
    private Counter enriched;
    private DistributionSummary batchSizes;

    /** Writes to {@link NodeNames#ENRICHED_SINK}, with the default record limits. */
    public BatchingEnrichmentProcessor(List<EnrichmentStageFactory> factories, BatchSettings settings,
                                       MeterRegistry registry) {
        this(factories, settings, registry, new EnrichedDocumentAssembler(), RecordLimits.defaults(),
                NodeNames.ENRICHED_SINK);
    }

    /**
     * @param assembler     builds and checks the enriched records (shared, thread-safe)
     * @param limits        dead letters carry original bytes up to {@link RecordLimits#maxRecordBytes()}
     * @param enrichedChild the node that takes the enriched documents (the similarity index, when deployed)
     */
    public BatchingEnrichmentProcessor(List<EnrichmentStageFactory> factories, BatchSettings settings,
                                       MeterRegistry registry, EnrichedDocumentAssembler assembler,
                                       RecordLimits limits, String enrichedChild) {
        this.enrichedChild = enrichedChild;
        this.factories = List.copyOf(factories);
        this.settings = settings;
        this.registry = registry;
        this.assembler = assembler;
        this.limits = limits;
        this.entityFacetChild = NodeNames.ENRICHED_SINK.equals(enrichedChild);
    }

    @Override
    public void init(ProcessorContext<String, EnrichedDocument> context) {
        super.init(context);
        buffer = new BatchBuffer(context.getStateStore(StoreNames.BATCH_BUFFER));
        deadLetters = new DeadLetterHandler(context, registry, limits.maxRecordBytes());
        enriched = Counter.builder(ENRICHED_METER).description("Enriched documents written").register(registry);
        batchSizes = DistributionSummary.builder(BATCH_SIZE_METER).description("Documents per enrichment batch")
                .register(registry);
        stages = openStages();
        models = stages.stream().flatMap(stage -> stage.models().stream()).toList();
        pipeline = new EnrichmentPipeline(stages, registry);
        context.schedule(settings.maxWait(), PunctuationType.WALL_CLOCK_TIME, now -> flushAll());
        if (!buffer.isEmpty()) {
            LOG.info("Task {} restored {} buffered documents; they are enriched within {}",
                    context.taskId(), buffer.size(), settings.maxWait());
        }
    }

    @Override
    public void process(Record<String, ValidatedDocument> record) {
        buffer.append(record.value());
        if (stages.isEmpty() || buffer.size() >= settings.maxSize()) {
            flushAll();
        }
    }

    private void flushAll() {
        while (!buffer.isEmpty()) {
            enrich(buffer.drain(settings.maxSize()));
        }
    }

    private void enrich(List<ValidatedDocument> documents) {
        batchSizes.record(documents.size());
        List<EnrichmentItem> items = new ArrayList<>(documents.size());
        for (ValidatedDocument document : documents) {
            items.add(new EnrichmentItem(document.document(), assembler.start(document.document())));
        }
        pipeline.run(items);
        Instant processedAt = Instant.ofEpochMilli(context().currentSystemTimeMs());
        for (int i = 0; i < items.size(); i++) {
            EnrichmentItem item = items.get(i);
            ValidatedDocument document = documents.get(i);
            String id = document.document().getId();
            if (item.isFailed()) {
                StageFailure failure = item.failure();
                deadLetters.send(document.provenance(), id, failure.stage(), failure.reasonCode(), failure.message(),
                        failure.cause());
            } else {
                forwardEnriched(item, document, processedAt);
            }
        }
    }

    private void forwardEnriched(EnrichmentItem item, ValidatedDocument document, Instant processedAt) {
        String id = document.document().getId();
        EnrichedDocument output;
        try {
            output = assembler.finish(item.output(), models, processedAt);
        } catch (InvalidOutputException e) {
            deadLetters.send(document.provenance(), id, ASSEMBLE_STAGE, e.reason().code(), e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
            return;
        }
        Headers headers = new RecordHeaders().add(Provenance.SOURCE_HEADER,
                document.provenance().sourceId().getBytes(StandardCharsets.UTF_8));
        Record<String, EnrichedDocument> record = new Record<>(id, output, document.provenance().timestamp(), headers);
        try {
            context().forward(record, enrichedChild);
        } catch (StreamsException e) {
            throw e; // Kafka Streams' own failure (a store, the producer, a fenced task): systemic
        } catch (RuntimeException e) {
            // a bug downstream confined to this document; assembled records are checked, so this is rare
            deadLetters.send(document.provenance(), id, enrichedChild, DeadLetterReason.PROCESSING_FAILED.code(),
                    enrichedChild + " threw " + e, e);
            return;
        }
        if (entityFacetChild && output.getEntities() != null && !output.getEntities().isEmpty()) {
            context().forward(record, NodeNames.ENTITY_FACET); // same task, same transaction
        }
        enriched.increment();
    }

    private List<EnrichmentStage> openStages() {
        List<EnrichmentStage> opened = new ArrayList<>(factories.size());
        try {
            for (EnrichmentStageFactory factory : factories) {
                opened.add(factory.newStage());
            }
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
        return List.copyOf(opened);
    }

    @Override
    public void close() {
        RuntimeException first = closeAll(stages, null);
        stages = List.of();
        if (first != null) {
            throw first;
        }
    }

    /** Closes every stage even if some fail; returns the first failure, others suppressed into it. */
    private static RuntimeException closeAll(List<EnrichmentStage> toClose, RuntimeException first) {
        for (EnrichmentStage stage : toClose) {
            try {
                stage.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
