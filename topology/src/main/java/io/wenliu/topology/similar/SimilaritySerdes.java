package io.wenliu.topology.similar;

import io.wenliu.topology.similar.SimilarityMessage.BandAnswer;
import io.wenliu.topology.similar.SimilarityMessage.PendingDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * Format 2 writes strings as a length and UTF-8 bytes, without {@code writeUTF}'s 64 KB limit, and
 * gives band probes their reply key; format 3 probes and answers carry several bands (one index shard's).
 * Formats 1 and 2 are still read (a probe or answer of one band), so records written before an upgrade
 * drain. Thread-safe.
 */
public final class SimilaritySerdes {
    /** Strings in modified UTF-8 ({@code writeUTF}), probes without a reply key: read only. */
    private static final byte FORMAT_1 = 1;
    /** Strings as length and UTF-8 bytes; probes and answers of one band: read only. */
    private static final byte FORMAT_2 = 2;
    private static final byte FORMAT_3 = 3;
    private static final byte PENDING_DOCUMENT = 1;
    private static final byte BAND_ANSWER = 2;

    private SimilaritySerdes() {
    }

    public static Serde<ShardProbe> shardProbe() {
        return serde("ShardProbe", (probe, out) -> {
            out.writeInt(probe.shard());
            writeString(probe.documentId(), out);
            out.writeLong(probe.timestamp());
            out.writeInt(probe.bands().length);
            for (int i = 0; i < probe.bands().length; i++) {
                out.writeInt(probe.bands()[i]);
                writeString(probe.bandKeys()[i], out);
            }
            writeVector(probe.vector(), out);
            writeString(probe.replyKey(), out);
        }, (in, format) -> {
            if (format != FORMAT_3) { // a probe of one band, keyed by its band key
                String documentId = readString(in, format);
                long timestamp = in.readLong();
                int band = in.readInt();
                String bandKey = readString(in, format);
                float[] vector = readVector(in);
                String replyKey = format == FORMAT_1 ? documentId : readString(in, format); // format 1 keyed by id
                return new ShardProbe(0, documentId, timestamp, new int[] {band}, new String[] {bandKey}, vector, replyKey);
            }
            int shard = in.readInt();
            String documentId = readString(in, format);
            long timestamp = in.readLong();
            int count = in.readInt();
            if (count < 1 || count > SimilaritySettings.MAX_BANDS) {
                throw new IOException("band count " + count);
            }
            int[] bands = new int[count];
            String[] keys = new String[count];
            for (int i = 0; i < count; i++) {
                bands[i] = in.readInt();
                keys[i] = readString(in, format);
            }
            float[] vector = readVector(in);
            return new ShardProbe(shard, documentId, timestamp, bands, keys, vector, readString(in, format));
        });
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
                out.writeLong(answer.bands());
                writeNeighbors(answer.neighbors(), out);
                writeOptionalNeighbor(answer.earliestNearDuplicate(), out);
            }
        }, (in, format) -> {
            byte kind = in.readByte();
            return switch (kind) {
                case PENDING_DOCUMENT -> {
                    int expected = in.readInt();
                    yield new PendingDocument(readBytes(in), expected);
                }
                case BAND_ANSWER -> new BandAnswer(format == FORMAT_3 ? in.readLong() : 1L << in.readInt(),
                        readNeighbors(in, format), readOptionalNeighbor(in, format));
                default -> throw new IOException("unknown message kind " + kind);
            };
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
            out.writeLong(pending.firstSeenMs());
        }, (in, format) -> {
            byte[] document = in.readBoolean() ? readBytes(in) : null;
            int expected = in.readInt();
            long answered = in.readLong();
            List<Neighbor> neighbors = readNeighbors(in, format);
            Neighbor nearDuplicate = readOptionalNeighbor(in, format);
            long firstSeen = format == FORMAT_1 ? PendingSimilarity.UNKNOWN_TIME : in.readLong();
            return new PendingSimilarity(document, expected, answered, neighbors, nearDuplicate, firstSeen);
        });
    }

    private static void writeVector(float[] vector, DataOutputStream out) throws IOException {
        out.writeInt(vector.length);
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES); // big-endian, as writeFloat
        bytes.asFloatBuffer().put(vector);
        out.write(bytes.array());
    }

    /** Reads the vector in one block rather than float by float. */
    private static float[] readVector(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available() / Float.BYTES) {
            throw new IOException("vector length " + length + " with " + in.available() + " bytes left");
        }
        float[] vector = new float[length];
        ByteBuffer.wrap(in.readNBytes(length * Float.BYTES)).asFloatBuffer().get(vector);
        return vector;
    }

    private static void writeString(String value, DataOutputStream out) throws IOException {
        writeBytes(value.getBytes(StandardCharsets.UTF_8), out);
    }

    private static String readString(DataInputStream in, byte format) throws IOException {
        return format == FORMAT_1 ? in.readUTF() : new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(byte[] bytes, DataOutputStream out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("field length " + length + " with " + in.available() + " bytes left");
        }
        return in.readNBytes(length);
    }

    private static void writeNeighbors(List<Neighbor> neighbors, DataOutputStream out) throws IOException {
        out.writeInt(neighbors.size());
        for (Neighbor neighbor : neighbors) {
            writeString(neighbor.id(), out);
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

    private static Neighbor readOptionalNeighbor(DataInputStream in, byte format) throws IOException {
        return in.readBoolean() ? readNeighbors(in, format).get(0) : null;
    }

    private static List<Neighbor> readNeighbors(DataInputStream in, byte format) throws IOException {
        int size = in.readInt();
        List<Neighbor> neighbors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            neighbors.add(new Neighbor(readString(in, format), in.readFloat(), in.readLong()));
        }
        return neighbors;
    }

    private interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in, byte format) throws IOException;
    }

    private static <T> Serde<T> serde(String type, Writer<T> writer, Reader<T> reader) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT_3);
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
                if (format < FORMAT_1 || format > FORMAT_3) {
                    throw new SerializationException("Unknown " + type + " format " + format + " (" + bytes.length
                            + " bytes); this version reads formats " + FORMAT_1 + " to " + FORMAT_3);
                }
                return reader.read(in, format);
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
