package io.wenliu.topology.output;

import io.wenliu.serdes.GeneratedClasses;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

/**
 * Builds {@link EnrichedDocument}s: starts each from its input {@link Document} (id, text unchanged,
 * source, event time, attributes), lets the stages fill their facets, and finishes it with the
 * models that ran and the processing time. A facet no stage set stays null: absent, never a
 * placeholder. Stateless and thread-safe.
 */
public final class EnrichedDocumentAssembler {
    static {
        GeneratedClasses.trust(); // builders instantiate nested generated classes
    }

    /** A builder holding what the input document says; stages add their facets to it. */
    public EnrichedDocument.Builder start(Document document) {
        return EnrichedDocument.newBuilder()
                .setId(document.getId())
                .setText(document.getText())
                .setSource(document.getSource())
                .setEventTime(document.getEventTime())
                .setAttributes(new HashMap<>(document.getAttributes()));
    }

    /**
     * The finished record.
     *
     * @param models      every model that ran on the document, in stage order
     * @param processedAt wall-clock time at which enrichment finished
     */
    public EnrichedDocument finish(EnrichedDocument.Builder builder, List<ModelVersion> models, Instant processedAt) {
        return builder.setModels(List.copyOf(models)).setProcessedAt(processedAt).build();
    }
}
