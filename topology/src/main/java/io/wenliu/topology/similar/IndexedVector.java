package io.wenliu.topology.similar;

import java.util.List;
import java.util.Objects;

/**
 * A document held by one index partition: its embedding and the band keys under which this
 * partition files it. The value of the {@code similarity-index} store, keyed by document id.
 *
 * @param timestamp the document's record timestamp
 * @param vector    its L2-normalised embedding
 * @param bandKeys  its band keys that this partition received, in arrival order
 */
public record IndexedVector(long timestamp, float[] vector, List<String> bandKeys) {
    public IndexedVector {
        Objects.requireNonNull(vector, "vector");
        bandKeys = List.copyOf(bandKeys);
    }
}
