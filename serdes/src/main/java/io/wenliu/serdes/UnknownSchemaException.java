package io.wenliu.serdes;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value is well-formed single-object Avro, but its writer schema is no released version of the
 * record type asked for: a fingerprint the catalog does not know, or the schema of another record
 * (an {@code EntityMention} where a {@code Document} was expected).
 */
public final class UnknownSchemaException extends SerializationException {
    public UnknownSchemaException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnknownSchemaException(String message) {
        super(message);
    }
}
