package io.wenliu.topology.similar;

import java.util.Objects;

/**
 * A document held by one index partition: its timestamp and embedding, written once when the
 * partition first files it and read for every lookup of a bucket that holds it. Kept in the
 * {@code similarity-band-index} store under the document's id (see {@link IndexStore}).
 *
 * @param timestamp the document's record timestamp
 * @param vector    its L2-normalised embedding
 */
public record IndexedVector(long timestamp, float[] vector) {
    public IndexedVector {
        Objects.requireNonNull(vector, "vector");
    }
}
