package io.wenliu.topology.similar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the merge step receives on the answers repartition topic, keyed by document id: the
 * enriched document itself, once, and one answer per index shard its band keys fell in.
 */
public sealed interface SimilarityMessage {

    /**
     * The enriched document waiting for its similar documents.
     *
     * @param enrichedDocument the {@code EnrichedDocument}, Avro single-object encoded
     * @param expectedAnswers  how many bands will answer (0 when the document has no embedding)
     */
    record PendingDocument(byte[] enrichedDocument, int expectedAnswers) implements SimilarityMessage {
        public PendingDocument {
            Objects.requireNonNull(enrichedDocument, "enrichedDocument");
        }
    }

    /**
     * What the index found among the earlier documents in the buckets of some of a document's bands: one
     * band's, one shard's, or (as the merge step gathers them) all answered so far.
     *
     * @param bands                 bit b set for band b answered here
     * @param neighbors             the most similar ones, best first, one per id
     * @param earliestNearDuplicate the earliest one at or above the near-duplicate threshold, or null
     */
    record BandAnswer(long bands, List<Neighbor> neighbors, Neighbor earliestNearDuplicate) implements SimilarityMessage {
        public BandAnswer {
            neighbors = List.copyOf(neighbors);
        }

        /** The answer of one band. */
        static BandAnswer ofBand(int band, List<Neighbor> neighbors, Neighbor earliestNearDuplicate) {
            return new BandAnswer(1L << band, neighbors, earliestNearDuplicate);
        }

        /**
         * This answer and {@code other} as one: their bands, their best {@code topK} neighbours (a pair scores the
         * same in every band, so an id found twice is one neighbour) and the earlier near-duplicate.
         */
        BandAnswer and(BandAnswer other, int topK) {
            Map<String, Neighbor> byId = new HashMap<>();
            for (Neighbor neighbor : neighbors) {
                byId.put(neighbor.id(), neighbor);
            }
            for (Neighbor neighbor : other.neighbors) {
                byId.putIfAbsent(neighbor.id(), neighbor);
            }
            List<Neighbor> best = new ArrayList<>(byId.values());
            best.sort(Neighbor.BEST_FIRST);
            return new BandAnswer(bands | other.bands, best.subList(0, Math.min(topK, best.size())),
                    earlier(earliestNearDuplicate, other.earliestNearDuplicate));
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
    }
}
