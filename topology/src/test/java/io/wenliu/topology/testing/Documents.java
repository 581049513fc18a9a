package io.wenliu.topology.testing;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.util.Utf8;

/** Input documents for tests, as records and as the bytes a producer would send. */
public final class Documents {
    /** Event time of every document built here. */
    public static final Instant EVENT_TIME = Instant.parse("2026-11-21T08:00:00Z");
    /** A Chinese sentence with a Latin word, digits and an emoji outside the BMP. */
    public static final String MIXED_TEXT = "我在Apple工作了3年😀";

    private static final AvroSerde<Document> SERDE = AvroSerde.document();

    private Documents() {
    }

    /** A document with source {@code test} and one attribute. */
    public static Document document(String id, String text) {
        return Document.newBuilder().setId(id).setText(text).setSource("test").setLanguage("zh-CN")
                .setEventTime(EVENT_TIME).setAttributes(Map.of("channel", "unit-test")).build();
    }

    /** A document's value bytes: Avro single-object encoding. */
    public static byte[] bytes(Document document) {
        return SERDE.toBytes(document);
    }

    /** The value bytes of {@link #document(String, String)}. */
    public static byte[] bytes(String id, String text) {
        return bytes(document(id, text));
    }

    /** A Document whose text field holds {@code utf8} verbatim, even if it is not valid UTF-8. */
    public static byte[] bytesWithRawText(String id, byte[] utf8) {
        return bytesWithRawFields(id.getBytes(StandardCharsets.UTF_8), utf8);
    }

    /** A Document whose id and text fields hold these bytes verbatim, even if they are not valid UTF-8. */
    public static byte[] bytesWithRawFields(byte[] id, byte[] text) {
        GenericRecord record = new GenericData.Record(Document.getClassSchema());
        record.put("id", new Utf8(id));
        record.put("text", new Utf8(text)); // Utf8 keeps its bytes as given: no re-encoding, no repair
        record.put("eventTime", EVENT_TIME.toEpochMilli());
        record.put("attributes", Map.of());
        return encode(record, Document.getClassSchema());
    }

    /** A well-formed single-object record in a schema that is no released Document version. */
    public static byte[] bytesInUnknownSchema(String id, String text) {
        Schema future = SchemaBuilder.record("Document").namespace("io.wenliu.serdes.avro").fields()
                .requiredString("id").requiredString("text").requiredString("author").endRecord();
        GenericRecord record = new GenericData.Record(future);
        record.put("id", id);
        record.put("text", text);
        record.put("author", "someone");
        return encode(record, future);
    }

    /** Bytes that are not Avro at all. */
    public static byte[] garbage() {
        return "{\"id\": \"json-1\", \"text\": \"这不是Avro\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(GenericRecord record, Schema schema) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
