package io.wenliu.topology.similar;

import io.wenliu.models.similarity.RandomHyperplaneLsh;
import io.wenliu.models.similarity.UnitVectors;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.deadletter.Provenance;
import io.wenliu.topology.similar.SimilarityMessage.PendingDocument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step of the similar-document index. For each enriched document it sends
 * <ol>
 *   <li>the document itself to the merge step ({@link NodeNames#SIMILARITY_ANSWERS_SINK}), saying how
 *       many band answers to wait for, and</li>
 *   <li>one {@link BandProbe} per LSH band to the band index ({@link NodeNames#SIMILARITY_BANDS_SINK},
 *       keyed by band key), so that documents sharing a band key meet on one partition whichever
 *       input partition they came from.</li>
 * </ol>
 * The merge step gathers a document and its answers under the document's input record
 * ({@link Provenance#SOURCE_HEADER}), not its id: two documents with one id are two records, and
 * each comes out. A document without an embedding waits for no answer.
 *
 * <p>The enrich step has already checked that every embedding is a finite unit vector of the
 * index's dimension (and dead-lettered the documents whose embedding is not), so nothing here
 * depends on the document. Stateless; holds the LSH hyperplanes, shared read-only by all
 * instances. Not thread-safe (one stream task's thread), like every processor.
 */
public final class SimilarityFanoutProcessor extends ContextualProcessor<String, EnrichedDocument, String, Object> {
    private final RandomHyperplaneLsh lsh;
    private final AvroSerde<EnrichedDocument> serde = AvroSerde.enrichedDocument();

    public SimilarityFanoutProcessor(RandomHyperplaneLsh lsh) {
        this.lsh = lsh;
    }

    @Override
    public void process(Record<String, EnrichedDocument> record) {
        EnrichedDocument document = record.value();
        String pendingKey = pendingKey(record);
        List<Float> embedding = document.getEmbedding();
        byte[] bytes = serde.toBytes(document);
        if (embedding == null) {
            context().forward(record.withKey(pendingKey).withValue(new PendingDocument(bytes, 0)),
                    NodeNames.SIMILARITY_ANSWERS_SINK);
            return;
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = embedding.get(i);
        }
        if (!UnitVectors.isUnit(vector, lsh.dimension())) { // checked upstream; this would be a wiring bug
            throw new IllegalStateException("Document " + document.getId() + " has an embedding of dimension "
                    + vector.length + " that is not a finite unit vector of dimension " + lsh.dimension());
        }
        String[] bandKeys = lsh.bandKeys(vector);
        context().forward(record.withKey(pendingKey).withValue(new PendingDocument(bytes, bandKeys.length)),
                NodeNames.SIMILARITY_ANSWERS_SINK);
        for (int band = 0; band < bandKeys.length; band++) {
            BandProbe probe = new BandProbe(document.getId(), record.timestamp(), band, bandKeys[band], vector,
                    pendingKey);
            context().forward(record.withKey(bandKeys[band]).withValue(probe), NodeNames.SIMILARITY_BANDS_SINK);
        }
    }

    /** The input record's id from the enrich step's header; the document id only for a record without one. */
    private static String pendingKey(Record<String, EnrichedDocument> record) {
        Header source = record.headers().lastHeader(Provenance.SOURCE_HEADER);
        return source == null ? record.key() : new String(source.value(), StandardCharsets.UTF_8);
    }
}
