package io.wenliu.serdes;

import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DiscoveredWord;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.EntityMention;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * encoded, an unknown schema fingerprint, or a body that does not match its schema. A null value
 * (a tombstone) maps to null both ways. Thread-safe: Avro's encoders and decoders are.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    static {
        GeneratedClasses.trust();
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(Class<T> type, Schema schema) {
        this(type, schema, SchemaCatalog.released());
    }

    public AvroSerde(Class<T> type, Schema schema, SchemaStore store) {
        this.type = type;
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
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new SerializationException("Unknown schema: the value's writer-schema fingerprint is not a released "
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

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> toBytes(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
