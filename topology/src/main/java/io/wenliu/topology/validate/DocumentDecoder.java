package io.wenliu.topology.validate;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.UnknownSchemaException;
import io.wenliu.serdes.avro.Document;
import io.wenliu.topology.deadletter.DeadLetterReason;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes an input value into a {@link Document}, telling the three ways that can fail apart: no
 * value at all (a tombstone), a schema that is not a released Document version, and bytes that are
 * not a Document. Stateless and thread-safe.
 */
public final class DocumentDecoder {
    /** The {@code DeadLetter.stage} of decoding failures. */
    public static final String STAGE = "deserialize";

    private final AvroSerde<Document> serde;

    public DocumentDecoder(AvroSerde<Document> serde) {
        this.serde = serde;
    }

    public DocumentDecoder() {
        this(AvroSerde.document());
    }

    public Validation decode(byte[] value) {
        if (value == null) {
            return new Validation.Rejected(STAGE, DeadLetterReason.TOMBSTONE,
                    "The value is null (a tombstone); Wenliu enriches documents and has nothing to delete", null);
        }
        try {
            return new Validation.Accepted(serde.fromBytes(value));
        } catch (SerializationException e) {
            DeadLetterReason reason = e instanceof UnknownSchemaException
                    ? DeadLetterReason.UNKNOWN_SCHEMA : DeadLetterReason.UNDESERIALIZABLE;
            return new Validation.Rejected(STAGE, reason, e.getMessage(), e);
        }
    }
}
