package io.wenliu.serdes;

import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DiscoveredWord;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.EntityMention;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for an Avro-generated record type in Avro's single-object encoding: two marker
 * bytes, the writer schema's 64-bit fingerprint, then the binary body. Reading resolves the writer
 * schema through a {@link SchemaStore} (by default {@link SchemaCatalog#released()}), so records
 * written with any released version are read into the current class, new fields taking their
 * defaults.
 *
 * <p>Failures are {@link SerializationException}s that say what was wrong: not single-object
 * encoded, an unknown schema ({@link UnknownSchemaException}: a fingerprint no released version has,
 * or another record's schema), a body that does not match its schema, or bytes left over after the
 * body (a value is exactly one record). A null value
 * (a tombstone) maps to null both ways. Thread-safe: Avro's encoders and decoders are.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    static {
        GeneratedClasses.trust();
    }

    /** The single-object encoding's marker, version 1. */
    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    /** Bytes before the body: the marker and the 8-byte fingerprint. */
    private static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final Schema schema;
    private final SchemaStore store;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(Class<T> type, Schema schema) {
        this(type, schema, SchemaCatalog.released());
    }

    public AvroSerde(Class<T> type, Schema schema, SchemaStore store) {
        this.type = type;
        this.schema = schema;
        this.store = store;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
    }

    public static AvroSerde<Document> document() {
        return new AvroSerde<>(Document.class, Document.getClassSchema());
    }

    public static AvroSerde<EnrichedDocument> enrichedDocument() {
        return new AvroSerde<>(EnrichedDocument.class, EnrichedDocument.getClassSchema());
    }

    public static AvroSerde<DeadLetter> deadLetter() {
        return new AvroSerde<>(DeadLetter.class, DeadLetter.getClassSchema());
    }

    public static AvroSerde<EntityMention> entityMention() {
        return new AvroSerde<>(EntityMention.class, EntityMention.getClassSchema());
    }

    public static AvroSerde<DictionaryEntry> dictionaryEntry() {
        return new AvroSerde<>(DictionaryEntry.class, DictionaryEntry.getClassSchema());
    }

    public static AvroSerde<DiscoveredWord> discoveredWord() {
        return new AvroSerde<>(DiscoveredWord.class, DiscoveredWord.getClassSchema());
    }

    public byte[] toBytes(T record) {
        if (record == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        requireOwnSchema(bytes);
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            T record = decoder.decode(in, null); // reads no further than the body
            if (in.available() > 0) {
                throw new SerializationException("Malformed " + type.getSimpleName() + " value (" + bytes.length
                        + " bytes): " + in.available() + " bytes follow the record's body; a value holds exactly one record");
            }
            return record;
        } catch (MissingSchemaException e) {
            throw new UnknownSchemaException("Unknown schema: the value's writer-schema fingerprint is not a released "
                    + "version of " + type.getSimpleName() + " (" + e.getMessage() + ")", e);
        } catch (BadHeaderException e) {
            throw new SerializationException("Not an Avro single-object encoded " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        } catch (IOException | AvroRuntimeException | IllegalArgumentException | IndexOutOfBoundsException
                 | ClassCastException | NegativeArraySizeException e) {
            throw new SerializationException("Malformed " + type.getSimpleName() + " value (" + bytes.length
                    + " bytes): " + e, e);
        }
    }

    /** Rejects a value written with a known schema of another record, which would fail to resolve as a body error. */
    private void requireOwnSchema(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            return; // the decoder says what is wrong with the header
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = store.findByFingerprint(fingerprint);
        if (writer != null && !writer.getFullName().equals(schema.getFullName())) {
            throw new UnknownSchemaException("Unknown schema: the value is a " + writer.getFullName() + ", not a "
                    + schema.getFullName() + "; was it produced to the wrong topic?");
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> toBytes(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
