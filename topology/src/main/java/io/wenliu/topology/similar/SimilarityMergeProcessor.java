package io.wenliu.topology.similar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.SimilarDocument;
import io.wenliu.serdes.avro.SimilarityLink;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.StoreNames;
import io.wenliu.topology.similar.SimilarityMessage.BandAnswer;
import io.wenliu.topology.similar.SimilarityMessage.PendingDocument;
import io.wenliu.topology.deadletter.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last step of the similar-document index, on the answers repartition topic, keyed by the input
 * record a document came from (so two documents with one id never share state): gathers a document
 * and the answers of all its bands in the changelogged {@link StoreNames#SIMILARITY_PENDING} store
 * (they arrive in any order), and once all are in, writes exactly one enriched record, keyed by
 * document id, with its top-k similar earlier documents and {@code nearDuplicateOf} to
 * {@link NodeNames#ENRICHED_SINK}, its entities to {@link NodeNames#ENTITY_FACET} and one
 * {@link SimilarityLink} per similar document to {@link NodeNames#SIMILAR_SINK}, all in one
 * transaction. The embedding stays in the enriched record only if
 * {@link SimilaritySettings#includeEmbedding()}. A document still waiting when the answers' stream
 * time is {@link #PENDING_TIMEOUT} past its timestamp (an answer was lost) is written with the answers
 * it has; answers whose document never came are dropped then too.
 *
 * <p>Lifecycle: one instance per task; borrows the store and the meter registry. Not thread-safe:
 * one stream task's thread.
 */
public final class SimilarityMergeProcessor extends ContextualProcessor<String, SimilarityMessage, String, Object> {
    /** Counter of similar-document links written. */
    public static final String LINKS_METER = "wenliu.similarity.links";
    /** Counter of documents found to be near-duplicates of an earlier one. */
    public static final String NEAR_DUPLICATES_METER = "wenliu.similarity.near.duplicates";

    /** Counter of documents written after {@link #PENDING_TIMEOUT} without all their band answers. */
    public static final String EXPIRED_METER = "wenliu.similarity.pending.expired";
    /**
     * How long a document waits for its band answers, in stream time: how far the answers topic has
     * moved past the document's own timestamp. Stream time moves only as fast as the answers are
     * processed, so a backlog does not expire documents whose answers are merely late; only a lost
     * answer (a band probe dead-lettered inside the index) ever reaches it.
     */
    public static final Duration PENDING_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration EXPIRY_CHECK_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(SimilarityMergeProcessor.class);

    private final SimilaritySettings settings;
    private final MeterRegistry registry;
    private final AvroSerde<EnrichedDocument> serde = AvroSerde.enrichedDocument();
    private KeyValueStore<String, PendingSimilarity> pending;
    private Counter links;
    private Counter nearDuplicates;
    private Counter expired;

    public SimilarityMergeProcessor(SimilaritySettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        pending = context.getStateStore(StoreNames.SIMILARITY_PENDING);
        links = Counter.builder(LINKS_METER).description("Similar-document links written").register(registry);
        expired = Counter.builder(EXPIRED_METER)
                .description("Documents written with the band answers they had after waiting too long for the rest")
                .register(registry);
        context.schedule(EXPIRY_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::expire);
        nearDuplicates = Counter.builder(NEAR_DUPLICATES_METER)
                .description("Documents that are near-duplicates of an earlier document").register(registry);
    }

    @Override
    public void process(Record<String, SimilarityMessage> record) {
        String pendingKey = record.key(); // the input record, not the document id
        PendingSimilarity state = pending.get(pendingKey);
        if (state == null) {
            state = PendingSimilarity.empty(record.timestamp());
        }
        if (record.value() instanceof PendingDocument document) {
            state = new PendingSimilarity(document.enrichedDocument(), document.expectedAnswers(),
                    state.bandsAnswered(), state.neighbors(), state.nearDuplicate(), state.firstSeenMs());
        } else {
            state = merge(state, (BandAnswer) record.value());
        }
        if (state.isComplete()) {
            pending.delete(pendingKey);
            emit(record, state);
        } else {
            pending.put(pendingKey, state);
        }
    }

    /**
     * Writes each document that has waited longer than {@link #PENDING_TIMEOUT} with the answers it
     * has (so no document is held back for ever by a lost answer), and drops answers whose document
     * never came (it was dead-lettered, or written before they arrived).
     */
    private void expire(long wallClockMs) {
        // stream time, but never ahead of the wall clock: one far-future record must not expire everything
        long nowMs = Math.min(context().currentStreamTimeMs(), wallClockMs);
        if (nowMs < 0) {
            return; // no record yet: stream time unknown
        }
        List<KeyValue<String, PendingSimilarity>> overdue = new ArrayList<>();
        List<KeyValue<String, PendingSimilarity>> undated = new ArrayList<>();
        try (KeyValueIterator<String, PendingSimilarity> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingSimilarity> entry = all.next();
                if (entry.value.firstSeenMs() == PendingSimilarity.UNKNOWN_TIME) {
                    undated.add(entry);
                } else if (nowMs - entry.value.firstSeenMs() > PENDING_TIMEOUT.toMillis()) {
                    overdue.add(entry);
                }
            }
        }
        undated.forEach(entry -> pending.put(entry.key, entry.value.seenAt(nowMs))); // its wait starts now
        int written = 0;
        int fewestAnswers = Integer.MAX_VALUE;
        long longestWaitMs = 0;
        for (KeyValue<String, PendingSimilarity> entry : overdue) {
            pending.delete(entry.key);
            PendingSimilarity state = entry.value;
            if (state.enrichedDocument() == null) {
                LOG.debug("Dropped band answers for {}: its document never arrived", entry.key);
                continue;
            }
            LOG.debug("Input record {} waited {} ms for similarity answers and got {} of {}; written with those",
                    entry.key, nowMs - state.firstSeenMs(), Long.bitCount(state.bandsAnswered()), state.expectedAnswers());
            written++;
            fewestAnswers = Math.min(fewestAnswers, Long.bitCount(state.bandsAnswered()));
            longestWaitMs = Math.max(longestWaitMs, nowMs - state.firstSeenMs());
            expired.increment();
            emit(new Record<>(entry.key, null, state.firstSeenMs()), state);
        }
        if (written > 0) { // one line per check, not one per record: a backlog expires thousands at once
            LOG.warn("{} documents waited over {} for their similarity answers (up to {} ms, as few as {} of {} answers) "
                    + "and were written with the answers they had: the similarity index is behind (see the "
                    + "similarity-bands repartition lag and {}); their similar fields may be incomplete",
                    written, PENDING_TIMEOUT, longestWaitMs, fewestAnswers, settings.bands(), EXPIRED_METER);
        }
    }

    private PendingSimilarity merge(PendingSimilarity state, BandAnswer answer) {
        if ((state.bandsAnswered() & answer.bands()) == answer.bands()) {
            return state; // already counted
        }
        BandAnswer gathered = new BandAnswer(state.bandsAnswered(), state.neighbors(), state.nearDuplicate())
                .and(answer, settings.topK());
        return new PendingSimilarity(state.enrichedDocument(), state.expectedAnswers(), gathered.bands(),
                gathered.neighbors(), gathered.earliestNearDuplicate(), state.firstSeenMs());
    }

    private void emit(Record<String, ? extends SimilarityMessage> record, PendingSimilarity state) {
        EnrichedDocument document = serde.fromBytes(state.enrichedDocument());
        EnrichedDocument.Builder builder = EnrichedDocument.newBuilder(document);
        if (state.expectedAnswers() > 0) {
            List<SimilarDocument> similar = new ArrayList<>(state.neighbors().size());
            for (Neighbor neighbor : state.neighbors()) {
                similar.add(new SimilarDocument(neighbor.id(), neighbor.score()));
            }
            builder.setSimilar(similar)
                    .setNearDuplicateOf(state.nearDuplicate() == null ? null : state.nearDuplicate().id())
                    .setProcessedAt(Instant.ofEpochMilli(context().currentSystemTimeMs()));
            if (!settings.includeEmbedding()) {
                builder.setEmbedding(null);
            }
        }
        EnrichedDocument output = builder.build();
        // keyed by document id again; the header names the input record, which keyed the way here
        Record<String, Object> enriched = new Record<>(output.getId(), output, record.timestamp(),
                new RecordHeaders().add(Provenance.SOURCE_HEADER, record.key().getBytes(StandardCharsets.UTF_8)));
        context().forward(enriched, NodeNames.ENRICHED_SINK);
        if (output.getEntities() != null && !output.getEntities().isEmpty()) {
            context().forward(enriched, NodeNames.ENTITY_FACET); // same task, same transaction
        }
        if (state.expectedAnswers() == 0) {
            return;
        }
        String nearDuplicateId = output.getNearDuplicateOf();
        if (nearDuplicateId != null) {
            nearDuplicates.increment();
        }
        for (int rank = 0; rank < state.neighbors().size(); rank++) {
            Neighbor neighbor = state.neighbors().get(rank);
            SimilarityLink link = new SimilarityLink(output.getId(), neighbor.id(), neighbor.score(), rank,
                    neighbor.id().equals(nearDuplicateId), output.getEventTime());
            context().forward(enriched.withValue(link), NodeNames.SIMILAR_SINK);
            links.increment();
        }
    }
}
