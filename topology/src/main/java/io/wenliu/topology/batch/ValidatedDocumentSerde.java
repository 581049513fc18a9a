package io.wenliu.topology.batch;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import io.wenliu.topology.deadletter.Provenance;
import io.wenliu.topology.validate.ValidatedDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the {@link BatchBuffer}'s values (and so of its changelog topic): a format version
 * byte and the provenance (topic, partition, offset, timestamp, original key and value bytes). The
 * document is not written: it is decoded again from the original value bytes, so an entry is as
 * large as its input record plus a few bytes, never twice as large (a changelog record above the
 * brokers' limit would stop the partition for good). Format 1, which also wrote the document, is
 * still read, so a buffer written before an upgrade drains. Private to Wenliu: nothing outside the
 * store reads it. Stateless and thread-safe.
 */
public final class ValidatedDocumentSerde implements Serde<ValidatedDocument> {
    /** Provenance and document bytes: read only. */
    private static final byte FORMAT_1 = 1;
    /** Provenance only; the document is decoded from the original value. */
    private static final byte FORMAT_2 = 2;
    private static final int ABSENT = -1;

    private final AvroSerde<Document> documents = AvroSerde.document();

    public byte[] toBytes(ValidatedDocument value) {
        if (value == null) {
            return null; // a delete in the store: a tombstone in its changelog
        }
        Provenance p = value.provenance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_2);
            out.writeUTF(p.topic()); // a topic name is at most 249 characters
            out.writeInt(p.partition());
            out.writeLong(p.offset());
            out.writeLong(p.timestamp());
            writeBytes(out, p.key());
            writeBytes(out, p.value());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    public ValidatedDocument fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_1 && version != FORMAT_2) {
                throw new SerializationException("Unknown batch-buffer format version " + version
                        + "; the store was written by a newer Wenliu: run that version until its buffer is empty");
            }
            Provenance provenance = new Provenance(in.readUTF(), in.readInt(), in.readLong(), in.readLong(),
                    readBytes(in), readBytes(in));
            byte[] document = version == FORMAT_1 ? readBytes(in) : provenance.value();
            return new ValidatedDocument(documents.fromBytes(document), provenance);
        } catch (IOException e) {
            throw new SerializationException("Truncated batch-buffer entry (" + bytes.length + " bytes)", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(ABSENT);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == ABSENT) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new SerializationException("Corrupt batch-buffer entry: field length " + length
                    + " with " + in.available() + " bytes left");
        }
        return in.readNBytes(length);
    }

    @Override
    public Serializer<ValidatedDocument> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<ValidatedDocument> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
