package io.wenliu.topology.similar;

import io.wenliu.topology.similar.SimilarityMessage.BandAnswer;
import io.wenliu.topology.similar.SimilarityMessage.PendingDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serdes of the similarity index's internal records (repartition topics and stores; never
 * seen by users). Each value starts with a format byte, so a later format can still read these.
 * Thread-safe.
 */
public final class SimilaritySerdes {
    private static final byte FORMAT_1 = 1;
    private static final byte PENDING_DOCUMENT = 1;
    private static final byte BAND_ANSWER = 2;

    private SimilaritySerdes() {
    }

    public static Serde<BandProbe> bandProbe() {
        return serde("BandProbe", (probe, out) -> {
            out.writeUTF(probe.documentId());
            out.writeLong(probe.timestamp());
            out.writeInt(probe.band());
            out.writeUTF(probe.bandKey());
            writeVector(probe.vector(), out);
        }, in -> new BandProbe(in.readUTF(), in.readLong(), in.readInt(), in.readUTF(), readVector(in)));
    }

    public static Serde<SimilarityMessage> message() {
        return serde("SimilarityMessage", (message, out) -> {
            if (message instanceof PendingDocument document) {
                out.writeByte(PENDING_DOCUMENT);
                out.writeInt(document.expectedAnswers());
                writeBytes(document.enrichedDocument(), out);
            } else {
                BandAnswer answer = (BandAnswer) message;
                out.writeByte(BAND_ANSWER);
                out.writeInt(answer.band());
                writeNeighbors(answer.neighbors(), out);
                writeOptionalNeighbor(answer.earliestNearDuplicate(), out);
            }
        }, in -> {
            byte kind = in.readByte();
            return switch (kind) {
                case PENDING_DOCUMENT -> {
                    int expected = in.readInt();
                    yield new PendingDocument(readBytes(in), expected);
                }
                case BAND_ANSWER -> new BandAnswer(in.readInt(), readNeighbors(in), readOptionalNeighbor(in));
                default -> throw new IOException("unknown message kind " + kind);
            };
        });
    }

    public static Serde<IndexedVector> indexedVector() {
        return serde("IndexedVector", (entry, out) -> {
            out.writeLong(entry.timestamp());
            writeVector(entry.vector(), out);
            out.writeInt(entry.bandKeys().size());
            for (String key : entry.bandKeys()) {
                out.writeUTF(key);
            }
        }, in -> {
            long timestamp = in.readLong();
            float[] vector = readVector(in);
            int keys = in.readInt();
            List<String> bandKeys = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) {
                bandKeys.add(in.readUTF());
            }
            return new IndexedVector(timestamp, vector, bandKeys);
        });
    }

    public static Serde<PendingSimilarity> pendingSimilarity() {
        return serde("PendingSimilarity", (pending, out) -> {
            out.writeBoolean(pending.enrichedDocument() != null);
            if (pending.enrichedDocument() != null) {
                writeBytes(pending.enrichedDocument(), out);
            }
            out.writeInt(pending.expectedAnswers());
            out.writeLong(pending.bandsAnswered());
            writeNeighbors(pending.neighbors(), out);
            writeOptionalNeighbor(pending.nearDuplicate(), out);
        }, in -> {
            byte[] document = in.readBoolean() ? readBytes(in) : null;
            return new PendingSimilarity(document, in.readInt(), in.readLong(), readNeighbors(in),
                    readOptionalNeighbor(in));
        });
    }

    private static void writeVector(float[] vector, DataOutputStream out) throws IOException {
        out.writeInt(vector.length);
        for (float x : vector) {
            out.writeFloat(x);
        }
    }

    private static float[] readVector(DataInputStream in) throws IOException {
        float[] vector = new float[in.readInt()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = in.readFloat();
        }
        return vector;
    }

    private static void writeBytes(byte[] bytes, DataOutputStream out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeNeighbors(List<Neighbor> neighbors, DataOutputStream out) throws IOException {
        out.writeInt(neighbors.size());
        for (Neighbor neighbor : neighbors) {
            out.writeUTF(neighbor.id());
            out.writeFloat(neighbor.score());
            out.writeLong(neighbor.timestamp());
        }
    }

    private static void writeOptionalNeighbor(Neighbor neighbor, DataOutputStream out) throws IOException {
        out.writeBoolean(neighbor != null);
        if (neighbor != null) {
            writeNeighbors(List.of(neighbor), out);
        }
    }

    private static Neighbor readOptionalNeighbor(DataInputStream in) throws IOException {
        return in.readBoolean() ? readNeighbors(in).get(0) : null;
    }

    private static List<Neighbor> readNeighbors(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<Neighbor> neighbors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            neighbors.add(new Neighbor(in.readUTF(), in.readFloat(), in.readLong()));
        }
        return neighbors;
    }

    private interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> Serde<T> serde(String type, Writer<T> writer, Reader<T> reader) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT_1);
                writer.write(value, out);
            } catch (IOException e) {
                throw new SerializationException("Cannot encode " + type + ": " + e.getMessage(), e);
            }
            return bytes.toByteArray();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                byte format = in.readByte();
                if (format != FORMAT_1) {
                    throw new SerializationException("Unknown " + type + " format " + format + " (" + bytes.length
                            + " bytes); this version reads format " + FORMAT_1);
                }
                return reader.read(in);
            } catch (IOException | RuntimeException e) {
                if (e instanceof SerializationException se) {
                    throw se;
                }
                throw new SerializationException("Malformed " + type + " (" + bytes.length + " bytes): " + e, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
