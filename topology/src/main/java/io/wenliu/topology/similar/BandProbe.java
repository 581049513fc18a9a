package io.wenliu.topology.similar;

import java.util.Objects;

/**
 * A document looking for earlier documents in one LSH band: sent on the band repartition topic,
 * keyed by {@link #bandKey}, so that documents sharing a band key meet on one index partition.
 *
 * @param documentId the document's id
 * @param timestamp  the document's record timestamp
 * @param band       the band number, 0-based
 * @param bandKey    the band number and the document's bits in it
 * @param vector     the document's L2-normalised embedding
 */
public record BandProbe(String documentId, long timestamp, int band, String bandKey, float[] vector) {
    public BandProbe {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(bandKey, "bandKey");
        Objects.requireNonNull(vector, "vector");
    }
}
