package io.wenliu.topology.similar;

import io.wenliu.models.similarity.RandomHyperplaneLsh;
import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.deadletter.Provenance;
import io.wenliu.topology.similar.SimilarityMessage.PendingDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step of the similar-document index. For each enriched document it sends
 * <ol>
 *   <li>the document itself to the merge step ({@link NodeNames#SIMILARITY_ANSWERS_SINK}), saying how
 *       many band answers to wait for, and</li>
 *   <li>one {@link ShardProbe} per index shard its LSH band keys fall in to the band index
 *       ({@link NodeNames#SIMILARITY_BANDS_SINK}, partitioned by shard), so that documents sharing a band
 *       key meet on one partition whichever input partition they came from, and a document costs the
 *       band topic at most {@code shards} records, not one per band.</li>
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
    private final int shards;
    private final AvroSerde<EnrichedDocument> serde = AvroSerde.enrichedDocument();

    public SimilarityFanoutProcessor(RandomHyperplaneLsh lsh, int shards) {
        this.lsh = lsh;
        this.shards = shards;
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
        for (ShardProbe probe : probes(document.getId(), record.timestamp(), bandKeys, vector, pendingKey)) {
            context().forward(record.withKey(Integer.toString(probe.shard())).withValue(probe),
                    NodeNames.SIMILARITY_BANDS_SINK);
        }
    }

    /** One probe per shard that holds any of the band keys, in shard order, each with its bands ascending. */
    List<ShardProbe> probes(String documentId, long timestamp, String[] bandKeys, float[] vector, String replyKey) {
        int[] shardOfBand = new int[bandKeys.length];
        int[] bandsInShard = new int[shards];
        for (int band = 0; band < bandKeys.length; band++) {
            shardOfBand[band] = ShardProbe.shardOf(bandKeys[band], shards);
            bandsInShard[shardOfBand[band]]++;
        }
        List<ShardProbe> probes = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            if (bandsInShard[shard] == 0) {
                continue;
            }
            int[] bands = new int[bandsInShard[shard]];
            String[] keys = new String[bands.length];
            for (int band = 0, i = 0; band < bandKeys.length; band++) {
                if (shardOfBand[band] == shard) {
                    bands[i] = band;
                    keys[i++] = bandKeys[band];
                }
            }
            probes.add(new ShardProbe(shard, documentId, timestamp, bands, keys, vector, replyKey));
        }
        return probes;
    }

    /** The input record's id from the enrich step's header; the document id only for a record without one. */
    private static String pendingKey(Record<String, EnrichedDocument> record) {
        Header source = record.headers().lastHeader(Provenance.SOURCE_HEADER);
        return source == null ? record.key() : new String(source.value(), StandardCharsets.UTF_8);
    }
}
