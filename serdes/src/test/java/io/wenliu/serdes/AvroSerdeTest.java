package io.wenliu.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.EntityMention;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Token;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private static final Instant EVENT_TIME = Instant.parse("2026-11-21T08:00:00Z");

    private static Document document() {
        return Document.newBuilder().setId("doc-1").setText("今天天气很好😀").setSource("test").setLanguage("zh-CN")
                .setEventTime(EVENT_TIME).setAttributes(Map.of("channel", "weibo")).build();
    }

    @Test
    void shouldRoundTripADocument() {
        AvroSerde<Document> serde = AvroSerde.document();

        byte[] bytes = serde.serializer().serialize("t", document());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3); // single-object encoding marker
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(document());
    }

    @Test
    void shouldRoundTripAnEnrichedDocumentWithNestedRecordsAndAbsentFacets() {
        EnrichedDocument enriched = EnrichedDocument.newBuilder().setId("doc-1").setText("北京欢迎你")
                .setEventTime(EVENT_TIME).setProcessedAt(EVENT_TIME.plusSeconds(1))
                .setTokens(List.of(new Token("北京", 0, 2, null), new Token("欢迎", 2, 4, null), new Token("你", 4, 5, null)))
                .setModels(List.of(new ModelVersion("segmentation", "segmenter-dgcnn-crf", "1")))
                .build();
        AvroSerde<EnrichedDocument> serde = AvroSerde.enrichedDocument();

        EnrichedDocument back = serde.fromBytes(serde.toBytes(enriched));

        assertThat(back).isEqualTo(enriched);
        assertThat(back.getTokens()).extracting(Token::getText).containsExactly("北京", "欢迎", "你");
        assertThat(back.getEntities()).isNull();
        assertThat(back.getSentiment()).isNull();
    }

    @Test
    void shouldRoundTripADeadLetterWithRawBytes() {
        DeadLetter letter = DeadLetter.newBuilder().setKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).setSourceTopic("wenliu.documents").setSourcePartition(2)
                .setSourceOffset(42L).setStage("deserialize").setReasonCode("UNDESERIALIZABLE")
                .setErrorMessage("bad").setFailedAt(EVENT_TIME).build();
        AvroSerde<DeadLetter> serde = AvroSerde.deadLetter();

        assertThat(serde.fromBytes(serde.toBytes(letter))).isEqualTo(letter);
    }

    @Test
    void shouldReadARecordWrittenWithAnOlderSchemaVersionUsingDefaults() throws Exception {
        Schema v0;
        try (InputStream in = getClass().getResourceAsStream("/Document-v0.avsc")) {
            v0 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v0);
        old.put("id", "old-1");
        old.put("text", "旧的记录");
        old.put("eventTime", EVENT_TIME.toEpochMilli());
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v0).encode(old);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        List<Schema> known = new ArrayList<>(SchemaCatalog.released().versionsOf(Document.getClassSchema().getFullName()));
        known.add(v0);
        AvroSerde<Document> serde = new AvroSerde<>(Document.class, Document.getClassSchema(), new SchemaCatalog(known));

        Document read = serde.fromBytes(bytes);

        assertThat(read.getId()).isEqualTo("old-1");
        assertThat(read.getText()).isEqualTo("旧的记录");
        assertThat(read.getEventTime()).isEqualTo(EVENT_TIME);
        assertThat(read.getSource()).isNull();
        assertThat(read.getAttributes()).isEmpty();
    }

    @Test
    void shouldReadAnEnrichedDocumentOfTheFirstReleaseWithoutADictionaryVersion() throws Exception {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/io/wenliu/serdes/schemas/EnrichedDocument/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "old-1");
        old.put("text", "旧的记录");
        old.put("eventTime", EVENT_TIME.toEpochMilli());
        old.put("processedAt", EVENT_TIME.toEpochMilli());
        for (Schema.Field field : v1.getFields()) {
            if (old.get(field.name()) == null && field.hasDefaultValue()) {
                old.put(field.name(), GenericData.get().getDefaultValue(field));
            }
        }
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        EnrichedDocument read = AvroSerde.enrichedDocument().fromBytes(bytes);

        assertThat(read.getId()).isEqualTo("old-1");
        assertThat(read.getDictionaryVersion()).isNull();
    }

    @Test
    void shouldRejectARecordInAnUnknownSchemaClearly() {
        byte[] enrichedBytes = AvroSerde.enrichedDocument().toBytes(EnrichedDocument.newBuilder().setId("x").setText("y")
                .setEventTime(EVENT_TIME).setProcessedAt(EVENT_TIME).build());
        byte[] unknown = enrichedBytes.clone();
        unknown[3] ^= 0x5A; // corrupt the fingerprint

        assertThatThrownBy(() -> AvroSerde.document().fromBytes(unknown))
                .isInstanceOf(UnknownSchemaException.class).hasMessageContaining("Unknown schema");
    }

    @Test
    void shouldRejectBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> AvroSerde.document().fromBytes("just text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Not an Avro single-object encoded");
    }

    @Test
    void shouldRejectATruncatedBody() {
        byte[] bytes = AvroSerde.document().toBytes(document());
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);

        assertThatThrownBy(() -> AvroSerde.document().fromBytes(truncated))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Malformed Document");
    }

    @Test
    void shouldRejectBytesAfterAValidBody() {
        byte[] bytes = AvroSerde.document().toBytes(document());
        byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> AvroSerde.document().fromBytes(padded))
                .isInstanceOf(SerializationException.class).isNotInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("3 bytes follow the record's body");
    }

    @Test
    void shouldRejectAnotherReleasedRecordAsAnUnknownSchema() {
        byte[] mention = AvroSerde.entityMention().toBytes(EntityMention.newBuilder().setDocumentId("doc-1")
                .setType("PER").setText("张三").setStart(0).setEnd(2).setConfidence(0.9f).setEventTime(EVENT_TIME)
                .build());

        assertThatThrownBy(() -> AvroSerde.document().fromBytes(mention))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("io.wenliu.serdes.avro.EntityMention, not a io.wenliu.serdes.avro.Document");
    }

    @Test
    void shouldReadADeadLetterWrittenWithVersion1() throws Exception {
        Schema v1 = new Schema.Parser().parse(SchemaCatalog.releasedText("DeadLetter/v1.avsc"));
        GenericRecord old = new GenericData.Record(v1);
        old.put("value", ByteBuffer.wrap(new byte[] {1, 2}));
        old.put("sourceTopic", "wenliu.documents");
        old.put("sourcePartition", 1);
        old.put("sourceOffset", 7L);
        old.put("stage", "validate");
        old.put("reasonCode", "EMPTY_TEXT");
        old.put("errorMessage", "The text is empty");
        old.put("failedAt", EVENT_TIME.toEpochMilli());
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        DeadLetter read = AvroSerde.deadLetter().fromBytes(bytes);

        assertThat(read.getReasonCode()).isEqualTo("EMPTY_TEXT");
        assertThat(read.getSourceOffset()).isEqualTo(7L);
        assertThat(read.getValueOmitted()).isNull();
        assertThat(read.getKeyOmitted()).isNull();
    }

    @Test
    void shouldMapNullToNullForTombstones() {
        assertThat(AvroSerde.document().fromBytes(null)).isNull();
        assertThat(AvroSerde.document().toBytes(null)).isNull();
    }
}
