package io.wenliu.topology.output;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.GeneratedClasses;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Builds {@link EnrichedDocument}s: starts each from its input {@link Document} (id, text unchanged,
 * source, event time, attributes), lets the stages fill their facets, and finishes it with the
 * models that ran and the processing time. A facet no stage set stays null: absent, never a
 * placeholder. Thread-safe.
 */
public final class EnrichedDocumentAssembler {
    static {
        GeneratedClasses.trust(); // builders instantiate nested generated classes
    }

    private final AvroSerde<EnrichedDocument> serde = AvroSerde.enrichedDocument();

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
     * The finished record, checked to be writable: encoding it here means a stage's bad value
     * costs one dead letter instead of failing the sink and stopping the application.
     *
     * @param models      every model that ran on the document, in stage order
     * @param processedAt wall-clock time at which enrichment finished
     * @throws InvalidOutputException if the record does not fit the EnrichedDocument schema
     */
    public EnrichedDocument finish(EnrichedDocument.Builder builder, List<ModelVersion> models, Instant processedAt) {
        try {
            EnrichedDocument document = builder.setModels(List.copyOf(models)).setProcessedAt(processedAt).build();
            serde.toBytes(document);
            return document;
        } catch (AvroRuntimeException | SerializationException | NullPointerException | ClassCastException e) {
            throw new InvalidOutputException("The enriched record of document " + builder.getId()
                    + " does not fit the EnrichedDocument schema: " + e.getMessage(), e);
        }
    }

    /** The stages produced a record that cannot be written. */
    public static final class InvalidOutputException extends RuntimeException {
        InvalidOutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
