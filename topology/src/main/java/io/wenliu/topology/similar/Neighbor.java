package io.wenliu.topology.similar;

import java.util.Comparator;
import java.util.Objects;

/**
 * An earlier document found similar to a newer one.
 *
 * @param id        the earlier document's id
 * @param score     cosine similarity of the two embeddings
 * @param timestamp the earlier document's record timestamp
 */
public record Neighbor(String id, float score, long timestamp) {
    /** Best first: higher score, then earlier, then smaller id, so the order is total and stable. */
    public static final Comparator<Neighbor> BEST_FIRST = Comparator.comparingDouble((Neighbor n) -> -n.score())
            .thenComparingLong(Neighbor::timestamp).thenComparing(Neighbor::id);

    public Neighbor {
        Objects.requireNonNull(id, "id");
    }

    /** True if a document at ({@code timestamp}, {@code id}) comes before the one at ({@code otherTimestamp}, {@code otherId}). */
    static boolean isBefore(long timestamp, String id, long otherTimestamp, String otherId) {
        return timestamp < otherTimestamp || (timestamp == otherTimestamp && id.compareTo(otherId) < 0);
    }
}
