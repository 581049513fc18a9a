package io.wenliu.topology.enrich;

import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import java.util.Objects;

/**
 * A document on its way through the enrichment stages: the validated input and the output record
 * being filled. Mutable; confined to one stream thread.
 */
public final class EnrichmentItem {
    private final Document document;
    private final EnrichedDocument.Builder output;
    private StageFailure failure;

    public EnrichmentItem(Document document, EnrichedDocument.Builder output) {
        this.document = Objects.requireNonNull(document, "document");
        this.output = Objects.requireNonNull(output, "output");
    }

    /** The input document (already validated). */
    public Document document() {
        return document;
    }

    /** The input text; offsets that stages report index this string. */
    public String text() {
        return document.getText();
    }

    /** The record being filled; stages set only the fields they own. */
    public EnrichedDocument.Builder output() {
        return output;
    }

    /** Marks this document as failed by {@code stage}; it goes to the dead-letter topic. */
    public void fail(String stage, String reasonCode, String message, Throwable cause) {
        if (failure == null) { // the first failure is the one worth reporting
            failure = new StageFailure(stage, reasonCode, message, cause);
        }
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** The first failure reported, or null. */
    public StageFailure failure() {
        return failure;
    }

    /** Why a document could not be enriched by a stage. */
    public record StageFailure(String stage, String reasonCode, String message, Throwable cause) {
        public StageFailure {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
        }
    }
}
