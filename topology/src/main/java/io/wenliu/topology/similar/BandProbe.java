package io.wenliu.topology.similar;

import java.util.Objects;

/**
 * A document looking for earlier documents in one LSH band, as {@link BandIndex} looks it up and files
 * it; on the band repartition topic, a {@link ShardProbe} carries every band of one shard.
 *
 * @param documentId the document's id
 * @param timestamp  the document's record timestamp
 * @param band       the band number, 0-based
 * @param bandKey    the band number and the document's bits in it
 * @param vector     the document's L2-normalised embedding
 * @param replyKey   the key the band's answer goes back under: unique per input record (its
 *                   {@code Provenance.sourceId()}), so that two documents with one id are answered apart
 */
public record BandProbe(String documentId, long timestamp, int band, String bandKey, float[] vector,
                        String replyKey) {
    public BandProbe {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(replyKey, "replyKey");
        Objects.requireNonNull(bandKey, "bandKey");
        Objects.requireNonNull(vector, "vector");
    }
}
