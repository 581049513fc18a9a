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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Last step of the similar-document index, on the answers repartition topic, keyed by the input
 * record a document came from (so two documents with one id never share state): gathers a document
 * and the answers of all its bands in the changelogged {@link StoreNames#SIMILARITY_PENDING} store
 * (they arrive in any order), and once all are in, writes exactly one enriched record, keyed by
 * document id, with its top-k similar earlier documents and {@code nearDuplicateOf} to
 * {@link NodeNames#ENRICHED_SINK}, its entities to {@link NodeNames#ENTITY_FACET} and one
 * {@link SimilarityLink} per similar document to {@link NodeNames#SIMILAR_SINK}, all in one
 * transaction. The embedding stays in the enriched record only if
 * {@link SimilaritySettings#includeEmbedding()}.
 *
 * <p>Lifecycle: one instance per task; borrows the store and the meter registry. Not thread-safe:
 * one stream task's thread.
 */
public final class SimilarityMergeProcessor extends ContextualProcessor<String, SimilarityMessage, String, Object> {
    /** Counter of similar-document links written. */
    public static final String LINKS_METER = "wenliu.similarity.links";
    /** Counter of documents found to be near-duplicates of an earlier one. */
    public static final String NEAR_DUPLICATES_METER = "wenliu.similarity.near.duplicates";

    private final SimilaritySettings settings;
    private final MeterRegistry registry;
    private final AvroSerde<EnrichedDocument> serde = AvroSerde.enrichedDocument();
    private KeyValueStore<String, PendingSimilarity> pending;
    private Counter links;
    private Counter nearDuplicates;

    public SimilarityMergeProcessor(SimilaritySettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        pending = context.getStateStore(StoreNames.SIMILARITY_PENDING);
        links = Counter.builder(LINKS_METER).description("Similar-document links written").register(registry);
        nearDuplicates = Counter.builder(NEAR_DUPLICATES_METER)
                .description("Documents that are near-duplicates of an earlier document").register(registry);
    }

    @Override
    public void process(Record<String, SimilarityMessage> record) {
        String pendingKey = record.key(); // the input record, not the document id
        PendingSimilarity state = pending.get(pendingKey);
        if (state == null) {
            state = PendingSimilarity.empty();
        }
        if (record.value() instanceof PendingDocument document) {
            state = new PendingSimilarity(document.enrichedDocument(), document.expectedAnswers(),
                    state.bandsAnswered(), state.neighbors(), state.nearDuplicate());
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

    private PendingSimilarity merge(PendingSimilarity state, BandAnswer answer) {
        long bit = 1L << answer.band();
        if ((state.bandsAnswered() & bit) != 0) {
            return state; // already counted
        }
        Map<String, Neighbor> byId = new HashMap<>();
        for (Neighbor neighbor : state.neighbors()) {
            byId.put(neighbor.id(), neighbor);
        }
        for (Neighbor neighbor : answer.neighbors()) {
            byId.putIfAbsent(neighbor.id(), neighbor); // the same pair scores the same in every band
        }
        List<Neighbor> best = new ArrayList<>(byId.values());
        best.sort(Neighbor.BEST_FIRST);
        Neighbor nearDuplicate = earlier(state.nearDuplicate(), answer.earliestNearDuplicate());
        return new PendingSimilarity(state.enrichedDocument(), state.expectedAnswers(), state.bandsAnswered() | bit,
                best.subList(0, Math.min(settings.topK(), best.size())), nearDuplicate);
    }

    private static Neighbor earlier(Neighbor a, Neighbor b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Neighbor.isBefore(b.timestamp(), b.id(), a.timestamp(), a.id()) ? b : a;
    }

    private void emit(Record<String, SimilarityMessage> record, PendingSimilarity state) {
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
        Record<String, Object> enriched = record.withKey(output.getId()).withValue(output);
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
