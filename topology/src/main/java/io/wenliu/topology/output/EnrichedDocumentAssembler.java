package io.wenliu.topology.output;

import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.GeneratedClasses;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.RecordLimits;
import io.wenliu.topology.deadletter.DeadLetterReason;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalInt;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Builds {@link EnrichedDocument}s: starts each from its input {@link Document} (id, text unchanged,
 * source, event time, attributes), lets the stages fill their facets, and finishes it with the
 * models that ran and the processing time. A facet no stage set stays null: absent, never a
 * placeholder. {@link #finish} checks that the record can be written: it fits its schema, it is at
 * most {@code maxOutputBytes}, and its embedding (when the similarity index reads it) is a finite
 * unit vector of the index's dimension. Thread-safe.
 */
public final class EnrichedDocumentAssembler {
    static {
        GeneratedClasses.trust(); // builders instantiate nested generated classes
    }

    private final AvroSerde<EnrichedDocument> serde = AvroSerde.enrichedDocument();
    private final int maxOutputBytes;
    private final OptionalInt embeddingDimension;

    /**
     * @param maxOutputBytes     largest enriched record written, in Avro bytes
     * @param embeddingDimension the similarity index's dimension when it is deployed: every embedding must
     *                           then be a finite unit vector of that dimension
     */
    public EnrichedDocumentAssembler(int maxOutputBytes, OptionalInt embeddingDimension) {
        this.maxOutputBytes = maxOutputBytes;
        this.embeddingDimension = embeddingDimension;
    }

    /** No similarity index, default output limit. */
    public EnrichedDocumentAssembler() {
        this(RecordLimits.DEFAULT_MAX_OUTPUT_BYTES, OptionalInt.empty());
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
     * The finished record, checked to be writable: encoding it here means a stage's bad value
     * costs one dead letter instead of failing the sink (or the similarity index) and stopping the
     * application.
     *
     * @param models      every model that ran on the document, in stage order
     * @param processedAt wall-clock time at which enrichment finished
     * @throws InvalidOutputException if the record does not fit the EnrichedDocument schema, is too
     *                                large, or has an embedding the similarity index cannot use
     */
    public EnrichedDocument finish(EnrichedDocument.Builder builder, List<ModelVersion> models, Instant processedAt) {
        EnrichedDocument document;
        byte[] bytes;
        try {
            document = builder.setModels(List.copyOf(models)).setProcessedAt(processedAt).build();
            bytes = serde.toBytes(document);
        } catch (AvroRuntimeException | SerializationException | NullPointerException | ClassCastException e) {
            throw new InvalidOutputException(DeadLetterReason.INVALID_OUTPUT, "The enriched record of document "
                    + builder.getId() + " does not fit the EnrichedDocument schema: " + e.getMessage(), e);
        }
        if (bytes.length > maxOutputBytes) {
            throw new InvalidOutputException(DeadLetterReason.OUTPUT_TOO_LARGE, "The enriched record is "
                    + bytes.length + " bytes; the limit is " + maxOutputBytes + " (wenliu.output.max.bytes): "
                    + "send shorter documents (wenliu.text.max.chars) or raise the limit with the topics' "
                    + "max.message.bytes and the producer's max.request.size", null);
        }
        checkEmbedding(document);
        return document;
    }

    private void checkEmbedding(EnrichedDocument document) {
        List<Float> embedding = document.getEmbedding();
        if (embeddingDimension.isEmpty() || embedding == null) {
            return;
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = embedding.get(i);
        }
        if (!UnitVectors.isUnit(vector, embeddingDimension.getAsInt())) {
            throw new InvalidOutputException(DeadLetterReason.INVALID_OUTPUT, "The embedding of document "
                    + document.getId() + " has dimension " + vector.length + " and is not a finite unit vector of "
                    + "dimension " + embeddingDimension.getAsInt() + ", which the similarity index needs", null);
        }
    }

    /** The stages produced a record that cannot be written; {@link #reason()} says why. */
    public static final class InvalidOutputException extends RuntimeException {
        private final DeadLetterReason reason;

        InvalidOutputException(DeadLetterReason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        /** {@link DeadLetterReason#INVALID_OUTPUT} or {@link DeadLetterReason#OUTPUT_TOO_LARGE}. */
        public DeadLetterReason reason() {
            return reason;
        }
    }
}
