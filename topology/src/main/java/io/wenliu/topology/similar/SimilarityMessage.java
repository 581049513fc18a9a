package io.wenliu.topology.similar;

import java.util.List;
import java.util.Objects;

/**
 * What the merge step receives on the answers repartition topic, keyed by document id: the
 * enriched document itself, once, and one answer per LSH band.
 */
public sealed interface SimilarityMessage {

    /**
     * The enriched document waiting for its similar documents.
     *
     * @param enrichedDocument the {@code EnrichedDocument}, Avro single-object encoded
     * @param expectedAnswers  how many band answers will follow (0 when the document has no embedding)
     */
    record PendingDocument(byte[] enrichedDocument, int expectedAnswers) implements SimilarityMessage {
        public PendingDocument {
            Objects.requireNonNull(enrichedDocument, "enrichedDocument");
        }
    }

    /**
     * What one band's index partition found among the earlier documents in the same bucket.
     *
     * @param band                  the band number
     * @param neighbors             the most similar ones, best first
     * @param earliestNearDuplicate the earliest one at or above the near-duplicate threshold, or null
     */
    record BandAnswer(int band, List<Neighbor> neighbors, Neighbor earliestNearDuplicate) implements SimilarityMessage {
        public BandAnswer {
            neighbors = List.copyOf(neighbors);
        }
    }
}
