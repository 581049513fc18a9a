package io.wenliu.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wenliu.serdes.Topics;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.batch.BatchBuffer;
import io.wenliu.topology.deadletter.DeadLetterHandler;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.infer.BatchingEnrichmentProcessor;
import io.wenliu.topology.infer.EnrichmentPipeline;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.FakeStages;
import io.wenliu.topology.testing.TestPipeline;
import io.wenliu.topology.testing.TestSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import io.wenliu.topology.deadletter.DeadLetterProcessingExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WenliuTopologyTest {
    private TestPipeline pipeline;

    @AfterEach
    void closePipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private DeadLetter onlyDeadLetter() {
        assertThat(pipeline.enriched().isEmpty()).as("no enriched output").isTrue();
        DeadLetter letter = pipeline.deadLetters().readValue();
        assertThat(pipeline.deadLetters().isEmpty()).as("exactly one dead letter").isTrue();
        return letter;
    }

    @Nested
    class HappyPath {
        @Test
        void shouldEnrichADocumentWithoutStagesLeavingEveryFacetAbsent() {
            pipeline = new TestPipeline(List.of());
            Document input = Documents.document("doc-1", "今天天气很好");

            pipeline.send(input);

            KeyValue<String, EnrichedDocument> output = pipeline.enriched().readKeyValue();
            assertThat(output.key).isEqualTo("doc-1");
            EnrichedDocument enriched = output.value;
            assertThat(enriched.getId()).isEqualTo("doc-1");
            assertThat(enriched.getText()).isEqualTo("今天天气很好");
            assertThat(enriched.getSource()).isEqualTo("test");
            assertThat(enriched.getEventTime()).isEqualTo(Documents.EVENT_TIME);
            assertThat(enriched.getAttributes()).isEqualTo(Map.of("channel", "unit-test"));
            assertThat(enriched.getTokens()).isNull();
            assertThat(enriched.getEntities()).isNull();
            assertThat(enriched.getSentiment()).isNull();
            assertThat(enriched.getEmbedding()).isNull();
            assertThat(enriched.getSimilar()).isNull();
            assertThat(enriched.getNearDuplicateOf()).isNull();
            assertThat(enriched.getModels()).isEmpty();
            assertThat(enriched.getProcessedAt()).isEqualTo(Documents.EVENT_TIME); // the driver's wall clock
            assertThat(pipeline.deadLetters().isEmpty()).isTrue();
        }

        @Test
        void shouldRunEveryStageInOrderAndRecordTheirModels() {
            FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
            FakeStages.Factory picky = FakeStages.rejecting();
            pipeline = new TestPipeline(List.of(tokenizer, picky));

            for (int i = 1; i <= 3; i++) {
                pipeline.send(Documents.document("doc-" + i, "北京欢迎你"));
            }

            List<EnrichedDocument> enriched = pipeline.enriched().readValuesToList();
            assertThat(enriched).extracting(EnrichedDocument::getId).containsExactly("doc-1", "doc-2", "doc-3");
            assertThat(enriched.get(0).getTokens()).extracting(Token::getText).containsExactly("北", "京", "欢", "迎", "你");
            assertThat(enriched.get(0).getModels()).containsExactly(tokenizer.model(), picky.model());
            assertThat(tokenizer.batchSizes()).containsExactly(3);
            assertThat(picky.batchSizes()).containsExactly(3);
        }

        @Test
        void shouldAcceptChineseEmojiAndMixedScriptsWithOffsetsIntoTheUnchangedText() {
            pipeline = new TestPipeline(TestSettings.topology(), List.of(FakeStages.characterTokenizer()));
            List<String> texts = List.of(Documents.MIXED_TEXT, "Привет, мир", "سلام\tدنیا\r\n", "𠀀𠀁 ＡＢＣ　全角");

            for (int i = 0; i < texts.size(); i++) {
                pipeline.send(Documents.document("doc-" + i, texts.get(i)));
            }
            pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

            List<EnrichedDocument> enriched = pipeline.enriched().readValuesToList();
            assertThat(enriched).extracting(EnrichedDocument::getText).containsExactlyElementsOf(texts);
            assertThat(pipeline.deadLetters().isEmpty()).isTrue();
            for (EnrichedDocument document : enriched) {
                for (Token token : document.getTokens()) {
                    assertThat(document.getText().substring(token.getStart(), token.getEnd())).isEqualTo(token.getText());
                }
            }
            assertThat(enriched.get(0).getTokens()).extracting(Token::getText, Token::getStart, Token::getEnd)
                    .containsExactly(tuple("我", 0, 1), tuple("在", 1, 2), tuple("Apple", 2, 7), tuple("工", 7, 8),
                            tuple("作", 8, 9), tuple("了", 9, 10), tuple("3", 10, 11), tuple("年", 11, 12),
                            tuple("😀", 12, 14));
        }

        @Test
        void shouldCountEnrichedDocumentsDeadLettersAndBatchSizes() {
            pipeline = new TestPipeline(List.of(FakeStages.characterTokenizer()));

            pipeline.send(Documents.document("doc-1", "一"));
            pipeline.send("doc-2", Documents.garbage());
            pipeline.send(Documents.document("doc-3", "三"));
            pipeline.send(Documents.document("doc-4", "四"));

            assertThat(pipeline.registry().counter(BatchingEnrichmentProcessor.ENRICHED_METER).count()).isEqualTo(3);
            assertThat(pipeline.registry().counter(DeadLetterHandler.DEAD_LETTERS_METER, "reason", "UNDESERIALIZABLE")
                    .count()).isEqualTo(1);
            assertThat(pipeline.registry().summary(BatchingEnrichmentProcessor.BATCH_SIZE_METER).count()).isEqualTo(1);
            assertThat(pipeline.registry().summary(BatchingEnrichmentProcessor.BATCH_SIZE_METER).max()).isEqualTo(3);
            assertThat(pipeline.registry().find(EnrichmentPipeline.STAGE_LATENCY_METER).tag("stage", "segmentation").timer())
                    .isNotNull().extracting(timer -> timer.count()).isEqualTo(1L);
        }
    }

    @Nested
    class DeadLetters {
        @Test
        void shouldDeadLetterBytesThatAreNotAvroWithTheirOriginalBytesAndProvenance() {
            pipeline = new TestPipeline(List.of());
            pipeline.send(Documents.document("doc-0", "第一条"));

            pipeline.send("json-1", Documents.garbage());

            assertThat(pipeline.enriched().readValue().getId()).isEqualTo("doc-0");
            KeyValue<String, DeadLetter> record = pipeline.deadLetters().readKeyValue();
            assertThat(record.key).isEqualTo("json-1"); // keyed like the input
            DeadLetter letter = record.value;
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.UNDESERIALIZABLE.code());
            assertThat(letter.getStage()).isEqualTo("deserialize");
            assertThat(letter.getDocumentId()).isNull();
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.DOCUMENTS);
            assertThat(letter.getSourcePartition()).isZero();
            assertThat(letter.getSourceOffset()).isEqualTo(1);
            assertThat(bytes(letter.getKey())).isEqualTo(utf8("json-1"));
            assertThat(bytes(letter.getValue())).isEqualTo(Documents.garbage());
            assertThat(letter.getErrorClass()).isEqualTo(SerializationException.class.getName());
            assertThat(letter.getErrorMessage()).contains("Not an Avro single-object encoded Document");
            assertThat(letter.getFailedAt()).isEqualTo(Documents.EVENT_TIME);
        }

        @Test
        void shouldDeadLetterAValueWrittenWithAnUnknownSchema() {
            pipeline = new TestPipeline(List.of());
            byte[] value = Documents.bytesInUnknownSchema("doc-1", "来自未来的记录");

            pipeline.send("doc-1", value);

            DeadLetter letter = onlyDeadLetter();
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA.code());
            assertThat(letter.getErrorMessage()).contains("Unknown schema");
            assertThat(bytes(letter.getValue())).isEqualTo(value);
        }

        @Test
        void shouldDeadLetterATruncatedDocumentAsUndeserializable() {
            pipeline = new TestPipeline(List.of());
            byte[] value = Documents.bytes("doc-1", "这条记录被截断了");

            pipeline.send("doc-1", Arrays.copyOf(value, value.length - 10));

            DeadLetter letter = onlyDeadLetter();
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.UNDESERIALIZABLE.code());
            assertThat(letter.getErrorMessage()).contains("Malformed Document");
        }

        @Test
        void shouldDeadLetterATombstone() {
            pipeline = new TestPipeline(List.of());

            pipeline.send("doc-1", null);

            DeadLetter letter = onlyDeadLetter();
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.TOMBSTONE.code());
            assertThat(letter.getValue()).isNull();
            assertThat(bytes(letter.getKey())).isEqualTo(utf8("doc-1"));
            assertThat(letter.getErrorClass()).isNull();
        }

        @Test
        void shouldDeadLetterADocumentWithABlankId() {
            pipeline = new TestPipeline(List.of());

            pipeline.send(Documents.document(" ", "有内容"));

            DeadLetter letter = onlyDeadLetter();
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.MISSING_ID.code());
            assertThat(letter.getStage()).isEqualTo("validate");
        }

        @Test
        void shouldDeadLetterEmptyAndBlankTextIncludingTheIdeographicSpace() {
            pipeline = new TestPipeline(List.of());

            pipeline.send(Documents.document("empty", ""));
            pipeline.send(Documents.document("spaces", " \t\n"));
            pipeline.send(Documents.document("ideographic", "\u3000\u3000"));

            assertThat(pipeline.enriched().isEmpty()).isTrue();
            List<DeadLetter> letters = pipeline.deadLetters().readValuesToList();
            assertThat(letters).extracting(DeadLetter::getDocumentId).containsExactly("empty", "spaces", "ideographic");
            assertThat(letters).extracting(DeadLetter::getReasonCode).containsOnly(DeadLetterReason.EMPTY_TEXT.code());
        }

        @Test
        void shouldAcceptTextAtTheLimitAndDeadLetterTextOverIt() {
            pipeline = new TestPipeline(List.of());
            String atLimit = "字".repeat(TestSettings.MAX_TEXT_CHARS);

            pipeline.send(Documents.document("at-limit", atLimit));
            pipeline.send(Documents.document("over-limit", atLimit + "字"));

            assertThat(pipeline.enriched().readValue().getId()).isEqualTo("at-limit");
            DeadLetter letter = pipeline.deadLetters().readValue();
            assertThat(letter.getDocumentId()).isEqualTo("over-limit");
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.TEXT_TOO_LONG.code());
            assertThat(letter.getErrorMessage()).contains("101 UTF-16 code units", "limit (maxTextChars) is 100");
        }

        @Test
        void shouldDeadLetterAControlCharacterNamingItsOffset() {
            pipeline = new TestPipeline(List.of());

            pipeline.send(Documents.document("bell", "你好\u0007世界"));

            DeadLetter letter = onlyDeadLetter();
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.INVALID_CHARACTERS.code());
            assertThat(letter.getErrorMessage()).contains("control character U+0007 at offset 2");
        }

        @Test
        void shouldDeadLetterTextThatWasNotValidUtf8() {
            pipeline = new TestPipeline(List.of());
            // "好" then an encoded lone surrogate (ED A0 80), which no UTF-8 decoder accepts
            byte[] value = Documents.bytesWithRawText("bad-utf8", new byte[] {(byte) 0xE5, (byte) 0xA5, (byte) 0xBD,
                    (byte) 0xED, (byte) 0xA0, (byte) 0x80});

            pipeline.send("bad-utf8", value);

            DeadLetter letter = onlyDeadLetter();
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.INVALID_CHARACTERS.code());
            assertThat(letter.getErrorMessage()).contains("U+FFFD at offset 1", "not valid UTF-8");
            assertThat(bytes(letter.getValue())).isEqualTo(value);
        }

        @Test
        void shouldDeadLetterOnlyTheDocumentsAStageFails() {
            FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
            pipeline = new TestPipeline(List.of(FakeStages.rejecting("doc-2"), tokenizer));

            pipeline.send(Documents.document("doc-1", "一"));
            pipeline.send(Documents.document("doc-2", "二"));
            pipeline.send(Documents.document("doc-3", "三"));

            assertThat(pipeline.enriched().readValuesToList()).extracting(EnrichedDocument::getId)
                    .containsExactly("doc-1", "doc-3");
            KeyValue<String, DeadLetter> record = pipeline.deadLetters().readKeyValue();
            assertThat(record.key).isEqualTo("doc-2");
            assertThat(record.value.getReasonCode()).isEqualTo(FakeStages.REJECTED_CODE);
            assertThat(record.value.getStage()).isEqualTo("picky");
            assertThat(record.value.getDocumentId()).isEqualTo("doc-2");
            assertThat(record.value.getSourceOffset()).isEqualTo(1);
            assertThat(bytes(record.value.getValue())).isEqualTo(Documents.bytes(Documents.document("doc-2", "二")));
            assertThat(tokenizer.batchSizes()).as("a failed document skips later stages").containsExactly(2);
        }

        @Test
        void shouldIsolateThePoisonDocumentWhenAStageThrowsForItsBatch() {
            FakeStages.Factory fragile = FakeStages.throwingOn("doc-2");
            FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
            pipeline = new TestPipeline(List.of(fragile, tokenizer));

            pipeline.send(Documents.document("doc-1", "一"));
            pipeline.send(Documents.document("doc-2", "二"));
            pipeline.send(Documents.document("doc-3", "三"));

            List<EnrichedDocument> enriched = pipeline.enriched().readValuesToList();
            assertThat(enriched).extracting(EnrichedDocument::getId).containsExactly("doc-1", "doc-3");
            assertThat(enriched).allSatisfy(document -> assertThat(document.getTokens()).hasSize(1));
            DeadLetter letter = pipeline.deadLetters().readValue();
            assertThat(letter.getDocumentId()).isEqualTo("doc-2");
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.STAGE_FAILED.code());
            assertThat(letter.getStage()).isEqualTo("fragile");
            assertThat(letter.getErrorClass()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(letter.getErrorMessage()).contains("cannot digest doc-2");
            assertThat(fragile.batchSizes()).as("the batch, then each document alone").containsExactly(3, 1, 1, 1);
            assertThat(tokenizer.batchSizes()).containsExactly(2);
            assertThat(pipeline.deadLetters().isEmpty()).isTrue();
        }

        @Test
        void shouldDeadLetterADocumentWhoseEnrichedRecordCannotBeWritten() {
            pipeline = new TestPipeline(List.of(FakeStages.writingInvalidTokensFor("doc-2")));

            pipeline.send(Documents.document("doc-1", "一"));
            pipeline.send(Documents.document("doc-2", "二"));
            pipeline.send(Documents.document("doc-3", "三"));

            assertThat(pipeline.enriched().readValuesToList()).extracting(EnrichedDocument::getId)
                    .containsExactly("doc-1", "doc-3");
            DeadLetter letter = pipeline.deadLetters().readValue();
            assertThat(letter.getDocumentId()).isEqualTo("doc-2");
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.INVALID_OUTPUT.code());
            assertThat(letter.getStage()).isEqualTo(BatchingEnrichmentProcessor.ASSEMBLE_STAGE);
            assertThat(letter.getErrorMessage()).contains("doc-2", "does not fit the EnrichedDocument schema");
        }

        @Test
        void shouldKeepProcessingAfterEveryKindOfFailure() {
            pipeline = new TestPipeline(List.of());

            pipeline.send("a", Documents.garbage());
            pipeline.send("b", null);
            pipeline.send(Documents.document("c", ""));
            pipeline.send("d", Documents.bytesInUnknownSchema("d", "x"));
            pipeline.send(Documents.document("e", "最后一条"));

            assertThat(pipeline.deadLetters().readValuesToList()).extracting(DeadLetter::getSourceOffset)
                    .containsExactly(0L, 1L, 2L, 3L);
            assertThat(pipeline.enriched().readValue().getId()).isEqualTo("e");
        }
    }

    @Nested
    class Batching {
        private FakeStages.Factory tokenizer;

        private void start() {
            tokenizer = FakeStages.characterTokenizer();
            pipeline = new TestPipeline(List.of(tokenizer));
        }

        private long buffered() {
            long count = 0;
            try (var all = pipeline.driver().getKeyValueStore(StoreNames.BATCH_BUFFER).all()) {
                while (all.hasNext()) {
                    all.next();
                    count++;
                }
            }
            return count;
        }

        @Test
        void shouldHoldDocumentsInTheStoreUntilTheBatchIsFull() {
            start();

            pipeline.send(Documents.document("doc-1", "一"));
            pipeline.send(Documents.document("doc-2", "二"));

            assertThat(pipeline.enriched().isEmpty()).isTrue();
            assertThat(buffered()).isEqualTo(2);
            assertThat(tokenizer.batchSizes()).isEmpty();
        }

        @Test
        void shouldFlushExactlyWhenTheBatchReachesMaxSize() {
            start();

            for (int i = 1; i <= 3; i++) {
                pipeline.send(Documents.document("doc-" + i, "字"));
            }

            assertThat(pipeline.enriched().readValuesToList()).extracting(EnrichedDocument::getId)
                    .containsExactly("doc-1", "doc-2", "doc-3");
            assertThat(tokenizer.batchSizes()).containsExactly(3);
            assertThat(buffered()).isZero();
        }

        @Test
        void shouldFlushAPartialBatchAfterMaxWait() {
            start();
            pipeline.send(Documents.document("doc-1", "一"));
            pipeline.send(Documents.document("doc-2", "二"));

            pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait().minusMillis(1));
            assertThat(pipeline.enriched().isEmpty()).isTrue();
            pipeline.driver().advanceWallClockTime(Duration.ofMillis(1));

            List<EnrichedDocument> enriched = pipeline.enriched().readValuesToList();
            assertThat(enriched).extracting(EnrichedDocument::getId).containsExactly("doc-1", "doc-2");
            assertThat(enriched.get(0).getProcessedAt()).isEqualTo(Documents.EVENT_TIME.plus(TestSettings.BATCH.maxWait()));
            assertThat(tokenizer.batchSizes()).containsExactly(2);
            assertThat(buffered()).isZero();
        }

        @Test
        void shouldCutArrivalsIntoBatchesOfAtMostMaxSizeInArrivalOrder() {
            start();

            for (int i = 1; i <= 7; i++) {
                pipeline.send(Documents.document("doc-" + i, "字"));
            }
            pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

            assertThat(tokenizer.batchSizes()).containsExactly(3, 3, 1);
            assertThat(pipeline.enriched().readValuesToList()).extracting(EnrichedDocument::getId)
                    .containsExactly("doc-1", "doc-2", "doc-3", "doc-4", "doc-5", "doc-6", "doc-7");
        }

        @Test
        void shouldNotWaitWhenNoStageIsDeployed() {
            pipeline = new TestPipeline(List.of());

            pipeline.send(Documents.document("doc-1", "一"));

            assertThat(pipeline.enriched().readValue().getId()).isEqualTo("doc-1");
        }

        @Test
        void shouldKeepTheInputTimestampOnOutputs() {
            start();
            Document document = Documents.document("doc-1", "一");

            pipeline.driver().createInputTopic(Topics.DOCUMENTS, new StringSerializer(), new ByteArraySerializer())
                    .pipeInput("doc-1", Documents.bytes(document), Documents.EVENT_TIME.minusSeconds(60));
            pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

            assertThat(pipeline.enriched().readRecord().getRecordTime()).isEqualTo(Documents.EVENT_TIME.minusSeconds(60));
        }
    }

    @Nested
    class Wiring {
        @Test
        void shouldReadRawBytesAndBufferInAChangeloggedStore() {
            TopologyDescription description = WenliuTopology.build(TestSettings.topology(), List.of()).describe();

            assertThat(description.subtopologies()).hasSize(1);
            TopologyDescription.Subtopology subtopology = description.subtopologies().iterator().next();
            assertThat(subtopology.nodes()).extracting(TopologyDescription.Node::name).containsExactlyInAnyOrder(
                    NodeNames.SOURCE, NodeNames.VALIDATE, NodeNames.ENRICH, NodeNames.ENRICHED_SINK,
                    NodeNames.ENTITY_FACET, NodeNames.ENTITIES_SINK, NodeNames.DEAD_LETTER_SINK);
            assertThat(BatchBuffer.storeBuilder().loggingEnabled()).isTrue();
            assertThat(BatchBuffer.storeBuilder().build().persistent()).isTrue();
        }

        @Test
        void shouldRecommendExactlyOnceAndTheDeadLetteringProcessingHandler() {
            var config = WenliuTopology.recommendedStreamsConfig();

            assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
            assertThat(config.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                    .isEqualTo(DeadLetterProcessingExceptionHandler.class.getName());
            assertThat(config.get(DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG))
                    .isEqualTo(Topics.DEAD_LETTERS);
        }

        @Test
        void shouldEnableTheGlobalProcessingHandlerWhereThePartitionAssignorReadsIt() {
            // finding 14: the assignor builds a StreamsConfig from the main consumer's settings and warned
            StreamsConfig streams = new StreamsConfig(withBootstrap(WenliuTopology.recommendedStreamsConfig()));

            StreamsConfig assignors = new StreamsConfig(streams.getMainConsumerConfigs("group", "client", 0));

            assertThat(assignors.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
        }

        private static java.util.Properties withBootstrap(java.util.Properties properties) {
            properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "wenliu-test");
            properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            return properties;
        }

        @Test
        void shouldWriteEntityMentionsFromTheNodeThatWritesTheEnrichedRecord() {
            // finding 9: with the similarity index, the enriched record leaves from its merge step
            TopologyDescription description = WenliuTopology.build(TestSettings.topology(), List.of(
                    new io.wenliu.topology.similar.NgramEmbeddingStageFactory(16,
                            io.wenliu.topology.similar.SimilaritySettings.defaults(0.9f)))).describe();

            TopologyDescription.Subtopology withEnrichedSink = description.subtopologies().stream()
                    .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(NodeNames.ENRICHED_SINK)))
                    .findFirst().orElseThrow();
            assertThat(withEnrichedSink.nodes()).extracting(TopologyDescription.Node::name)
                    .contains(NodeNames.SIMILARITY_MERGE, NodeNames.ENTITY_FACET, NodeNames.ENTITIES_SINK)
                    .doesNotContain(NodeNames.ENRICH);
        }
    }
}
