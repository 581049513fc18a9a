package io.wenliu.topology.similar;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A document held by one index partition: its embedding and the buckets in which this partition
 * files it. Kept in the {@code similarity-band-index} store under the document's id (see
 * {@link IndexStore}).
 *
 * @param timestamp the document's record timestamp
 * @param vector    its L2-normalised embedding
 * @param filings   the buckets of this partition that hold it, in arrival order
 */
public record IndexedVector(long timestamp, float[] vector, List<Filing> filings) {
    public IndexedVector {
        Objects.requireNonNull(vector, "vector");
        filings = List.copyOf(filings);
    }

    /**
     * A document's place in one bucket.
     *
     * @param bandKey  the bucket
     * @param sequence the partition's insertion sequence number when the document joined it, which
     *                 orders the bucket oldest first
     */
    public record Filing(String bandKey, long sequence) {
        public Filing {
            Objects.requireNonNull(bandKey, "bandKey");
        }
    }

    /** True if the document is filed in the bucket {@code bandKey}. */
    boolean isFiledUnder(String bandKey) {
        return filings.stream().anyMatch(f -> f.bandKey().equals(bandKey));
    }

    /** This document, also filed in {@code filing}'s bucket. */
    IndexedVector with(Filing filing) {
        List<Filing> more = new ArrayList<>(filings);
        more.add(filing);
        return new IndexedVector(timestamp, vector, more);
    }

    /** This document, taken out of {@code bandKey}'s bucket. */
    IndexedVector without(String bandKey) {
        return new IndexedVector(timestamp, vector, filings.stream().filter(f -> !f.bandKey().equals(bandKey)).toList());
    }
}
