package io.wenliu.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.Topics;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.EntityMention;
import io.wenliu.serdes.avro.SimilarityLink;
import io.wenliu.topology.batch.BatchSettings;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.similar.NgramEmbeddingStageFactory;
import io.wenliu.topology.similar.SimilaritySettings;
import io.wenliu.topology.similar.SimilarityTopology;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.FakeStages;
import io.wenliu.topology.testing.TestPipeline;
import io.wenliu.topology.testing.TestSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus: each kind of bad record, sent between two good documents through the
 * production topology with every kind of stage deployed (a tokenizer, the similarity index, and
 * stages that misbehave on chosen ids), must come out as exactly one dead letter with its reason
 * code and offset, while both good documents are enriched: nothing is lost, nothing stops.
 */
class BadInputCorpusTest {
    /** Small limits, so that the size boundaries are cheap to reach. */
    static final RecordLimits LIMITS = new RecordLimits(16_384, 32_768, 128);
    private static final Instant TIME = Documents.EVENT_TIME;

    /** One kind of bad record. */
    record BadInput(String kind, byte[] key, byte[] value, String reason) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Arguments> corpus() {
        List<BadInput> corpus = List.of(
                // not a Document at all
                bad("tombstone", null, DeadLetterReason.TOMBSTONE),
                bad("empty value", new byte[0], DeadLetterReason.UNDESERIALIZABLE),
                bad("one byte", new byte[] {(byte) 0xC3}, DeadLetterReason.UNDESERIALIZABLE),
                bad("JSON", Documents.garbage(), DeadLetterReason.UNDESERIALIZABLE),
                bad("plain Chinese text", utf8("今天天气很好"), DeadLetterReason.UNDESERIALIZABLE),
                bad("marker only", new byte[] {(byte) 0xC3, 0x01}, DeadLetterReason.UNDESERIALIZABLE),
                bad("header without body", Arrays.copyOf(valid(), 10), DeadLetterReason.UNDESERIALIZABLE),
                bad("truncated body", Arrays.copyOf(valid(), valid().length - 5), DeadLetterReason.UNDESERIALIZABLE),
                bad("trailing bytes after the body", Arrays.copyOf(valid(), valid().length + 4),
                        DeadLetterReason.UNDESERIALIZABLE),
                bad("two documents in one value", concat(valid(), valid()), DeadLetterReason.UNDESERIALIZABLE),
                bad("marker version 2", withByte(valid(), 1, 0x02), DeadLetterReason.UNDESERIALIZABLE),
                bad("raw Avro without header", Arrays.copyOfRange(valid(), 10, valid().length),
                        DeadLetterReason.UNDESERIALIZABLE),
                bad("negative string length", withByte(valid(), 10, 0x01), DeadLetterReason.UNDESERIALIZABLE),
                bad("string length past the end", withByte(valid(), 10, 0x7E), DeadLetterReason.UNDESERIALIZABLE),
                bad("random bytes", random(1000), DeadLetterReason.UNDESERIALIZABLE),
                bad("zero bytes", new byte[64], DeadLetterReason.UNDESERIALIZABLE),
                // another schema
                bad("unknown fingerprint", withByte(valid(), 3, valid()[3] ^ 0x5A), DeadLetterReason.UNKNOWN_SCHEMA),
                bad("future Document version", Documents.bytesInUnknownSchema("d", "未来"),
                        DeadLetterReason.UNKNOWN_SCHEMA),
                bad("an EntityMention", AvroSerde.entityMention().toBytes(mention()), DeadLetterReason.UNKNOWN_SCHEMA),
                bad("an EnrichedDocument", AvroSerde.enrichedDocument().toBytes(enriched()),
                        DeadLetterReason.UNKNOWN_SCHEMA),
                bad("a DeadLetter", AvroSerde.deadLetter().toBytes(deadLetter()), DeadLetterReason.UNKNOWN_SCHEMA),
                bad("a SimilarityLink", SimilarityTopology.linkSerde().toBytes(new SimilarityLink("a", "b", 0.9f, 0,
                        false, TIME)), DeadLetterReason.UNKNOWN_SCHEMA),
                // too large
                bad("valid document with large attributes", Documents.bytes(withAttributes(20, 1000)),
                        DeadLetterReason.RECORD_TOO_LARGE),
                bad("large garbage", random(LIMITS.maxRecordBytes() + 1), DeadLetterReason.RECORD_TOO_LARGE),
                new BadInput("large key", new byte[LIMITS.maxRecordBytes()], valid(),
                        DeadLetterReason.RECORD_TOO_LARGE.code()),
                bad("text of 1 MB", Documents.bytes("big", "字".repeat(350_000)), DeadLetterReason.RECORD_TOO_LARGE),
                // ids
                bad("empty id", Documents.bytes("", "有内容"), DeadLetterReason.MISSING_ID),
                bad("blank id", Documents.bytes("   ", "有内容"), DeadLetterReason.MISSING_ID),
                bad("ideographic-space id", Documents.bytes("\u3000", "有内容"), DeadLetterReason.MISSING_ID),
                bad("id of a line feed and NUL", Documents.bytes("\n\u0000", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id with NUL", Documents.bytes("doc\u0000x", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id with tab", Documents.bytes("doc\t1", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id with line feed", Documents.bytes("doc\n1", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id with DEL", Documents.bytes("doc\u007F", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id with C1 control", Documents.bytes("doc\u0085", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id of invalid UTF-8", Documents.bytesWithRawFields(new byte[] {'d', (byte) 0xFF, (byte) 0xFE},
                        utf8("有内容")), DeadLetterReason.INVALID_ID),
                bad("id with an encoded surrogate", Documents.bytesWithRawFields(new byte[] {'d', (byte) 0xED,
                        (byte) 0xA0, (byte) 0x80}, utf8("有内容")), DeadLetterReason.INVALID_ID),
                bad("id with U+FFFD", Documents.bytes("doc\uFFFD", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id with a noncharacter", Documents.bytes("doc\uFFFE", "有内容"), DeadLetterReason.INVALID_ID),
                bad("id one byte too long", Documents.bytes("i".repeat(LIMITS.maxIdBytes() + 1), "有内容"),
                        DeadLetterReason.INVALID_ID),
                bad("id of 10 KB", Documents.bytes("編".repeat(3_400), "有内容"), DeadLetterReason.INVALID_ID),
                // text
                bad("empty text", Documents.bytes("e", ""), DeadLetterReason.EMPTY_TEXT),
                bad("whitespace text", Documents.bytes("e", " \t\r\n "), DeadLetterReason.EMPTY_TEXT),
                bad("ideographic spaces", Documents.bytes("e", "\u3000\u3000"), DeadLetterReason.EMPTY_TEXT),
                bad("no-break spaces", Documents.bytes("e", "\u00A0\u202F"), DeadLetterReason.EMPTY_TEXT),
                bad("zero-width spaces", Documents.bytes("e", "\u200B\u200B\u200B"), DeadLetterReason.EMPTY_TEXT),
                bad("byte-order marks", Documents.bytes("e", "\uFEFF\uFEFF"), DeadLetterReason.EMPTY_TEXT),
                bad("joiners and spaces", Documents.bytes("e", "\u200C \u200D\u2060"), DeadLetterReason.EMPTY_TEXT),
                bad("text one char too long", Documents.bytes("t", "字".repeat(TestSettings.MAX_TEXT_CHARS + 1)),
                        DeadLetterReason.TEXT_TOO_LONG),
                bad("emoji text too long in UTF-16", Documents.bytes("t", "😀".repeat(TestSettings.MAX_TEXT_CHARS / 2 + 1)),
                        DeadLetterReason.TEXT_TOO_LONG),
                bad("bell in text", Documents.bytes("c", "你好\u0007"), DeadLetterReason.INVALID_CHARACTERS),
                bad("NUL in text", Documents.bytes("c", "你\u0000好"), DeadLetterReason.INVALID_CHARACTERS),
                bad("ANSI escape in text", Documents.bytes("c", "\u001B[31m红\u001B[0m"),
                        DeadLetterReason.INVALID_CHARACTERS),
                bad("text of invalid UTF-8", Documents.bytesWithRawText("c", new byte[] {(byte) 0xE5, (byte) 0xA5}),
                        DeadLetterReason.INVALID_CHARACTERS),
                bad("overlong UTF-8 in text", Documents.bytesWithRawText("c", new byte[] {'a', (byte) 0xC0,
                        (byte) 0x80}), DeadLetterReason.INVALID_CHARACTERS),
                bad("U+FFFD in text", Documents.bytes("c", "好\uFFFD"), DeadLetterReason.INVALID_CHARACTERS),
                bad("noncharacter in text", Documents.bytes("c", "好\uFDD0"), DeadLetterReason.INVALID_CHARACTERS),
                // documents the stages cannot handle
                bad("a stage throws on it", Documents.bytes("poison", "毒"), DeadLetterReason.STAGE_FAILED),
                new BadInput("a stage rejects it", utf8("unwelcome"), Documents.bytes("unwelcome", "拒"),
                        FakeStages.REJECTED_CODE),
                bad("a stage writes an invalid token", Documents.bytes("sloppy", "乱"), DeadLetterReason.INVALID_OUTPUT),
                bad("its embedding is not unit length", Documents.bytes("warped", "弯"),
                        DeadLetterReason.INVALID_OUTPUT),
                bad("its enriched record is too large", Documents.bytes("bloated", "胖"),
                        DeadLetterReason.OUTPUT_TOO_LARGE));
        return corpus.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldDeadLetterEachKindOnceWithItsReasonAndKeepGoing(BadInput input) {
        try (TestPipeline pipeline = new TestPipeline(TestSettings.topology(BatchSettings.defaults()).withLimits(LIMITS),
                stages())) {
            TestInputTopic<byte[], byte[]> raw = pipeline.driver().createInputTopic(Topics.DOCUMENTS,
                    new ByteArraySerializer(), new ByteArraySerializer());
            raw.pipeInput(utf8("before"), Documents.bytes("before", "今天天气很好"), TIME);
            raw.pipeInput(input.key(), input.value(), TIME.plusSeconds(1));
            raw.pipeInput(utf8("after"), Documents.bytes("after", "明天也很好"), TIME.plusSeconds(2));
            pipeline.driver().advanceWallClockTime(Duration.ofSeconds(1));

            List<DeadLetter> letters = pipeline.deadLetters().readValuesToList();
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0);
            assertThat(letter.getReasonCode()).isEqualTo(input.reason());
            assertThat(letter.getSourceOffset()).isEqualTo(1L);
            assertThat(AvroSerde.deadLetter().toBytes(letter).length).as("a dead letter always fits")
                    .isLessThanOrEqualTo(LIMITS.maxOutputBytes());
            assertThat(pipeline.enriched().readValuesToList()).extracting(EnrichedDocument::getId)
                    .containsExactlyInAnyOrder("before", "after");
        }
    }

    private static List<FakeStages.Factory> fakeStages() {
        return List.of(FakeStages.characterTokenizer(), FakeStages.throwingOn("poison"),
                FakeStages.rejecting("unwelcome"), FakeStages.writingInvalidTokensFor("sloppy"),
                FakeStages.warpingEmbeddingOf("warped"), FakeStages.bloating("bloated", 10_000));
    }

    private static List<io.wenliu.topology.enrich.EnrichmentStageFactory> stages() {
        NgramEmbeddingStageFactory embedding = new NgramEmbeddingStageFactory(32,
                SimilaritySettings.defaults(0.9f).withBanding(4, 4));
        List<io.wenliu.topology.enrich.EnrichmentStageFactory> stages = new java.util.ArrayList<>();
        stages.add(embedding); // before the stage that warps embeddings
        stages.addAll(fakeStages());
        return stages;
    }

    private static BadInput bad(String kind, byte[] value, DeadLetterReason reason) {
        return new BadInput(kind, utf8(kind), value, reason.code());
    }

    private static byte[] valid() {
        return Documents.bytes("doc-x", "一条正常的文档");
    }

    private static Document withAttributes(int count, int size) {
        Map<String, String> attributes = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put("a" + i, "v".repeat(size));
        }
        return Document.newBuilder(Documents.document("attributes", "短文")).setAttributes(attributes).build();
    }

    private static EntityMention mention() {
        return EntityMention.newBuilder().setDocumentId("doc-1").setType("PER").setText("张三").setStart(0).setEnd(2)
                .setConfidence(0.9f).setEventTime(TIME).build();
    }

    private static EnrichedDocument enriched() {
        return EnrichedDocument.newBuilder().setId("doc-1").setText("文").setEventTime(TIME).setProcessedAt(TIME).build();
    }

    private static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setSourceTopic("t").setSourcePartition(0).setSourceOffset(0).setStage("s")
                .setReasonCode("R").setErrorMessage("m").setFailedAt(TIME).build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    private static byte[] withByte(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        bytes[0] = 0x7B; // not the single-object marker
        return bytes;
    }
}
