package io.wenliu.topology.validate;

import io.wenliu.serdes.avro.Document;
import io.wenliu.topology.deadletter.DeadLetterReason;
import java.util.Objects;

/** The verdict on one input record: accepted with its document, or rejected with a reason. Immutable. */
public sealed interface Validation {

    /** The record holds a document that the enrichment stages may process. */
    record Accepted(Document document) implements Validation {
        public Accepted {
            Objects.requireNonNull(document, "document");
        }
    }

    /**
     * The record goes to the dead-letter topic.
     *
     * @param stage   {@value DocumentDecoder#STAGE} or {@value DocumentValidator#STAGE}
     * @param reason  why, as a stable code
     * @param message what was wrong and where, for people
     * @param cause   the exception behind it, or null
     */
    record Rejected(String stage, DeadLetterReason reason, String message, Throwable cause) implements Validation {
        public Rejected {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
