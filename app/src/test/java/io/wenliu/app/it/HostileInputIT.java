package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.it.broker.TestKafka;
import io.wenliu.app.runtime.OutputConsumer;
import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.app.runtime.StreamsRunner;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EntityMention;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile stream on a real broker: one instance with every model of {@code wenliu.models.dir}
 * deployed (the similarity index included), good documents interleaved with hostile records,
 * findings 1 to 6 of issue 13 among them (a 700 KB document, a 3 MB text on an input topic that
 * accepts it, a 64 KB id, repeated ids with different texts, an EntityMention, ids of invalid UTF-8 and
 * control characters, zero-width text, trailing bytes). Every input record must come out exactly once,
 * counted by input offset, and the instance must still be running.
 */
class HostileInputIT {
    private static final String APPLICATION_ID = "wenliu-hostile-it";
    private static final int INPUT_MAX_BYTES = 8 * 1024 * 1024;

    @TempDir
    Path work;

    private TestKafka.Broker broker;
    private WenliuConfig config;

    @BeforeEach
    void startBroker() throws Exception {
        broker = TestKafka.start();
        config = new WenliuConfig(Map.of(
                WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                WenliuConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                WenliuConfig.STATE_DIR_CONFIG, work.resolve("state").toString(),
                WenliuConfig.MODELS_DIR_CONFIG, System.getProperty("wenliu.models.dir", "../models/artifacts"),
                WenliuConfig.BATCH_MAX_WAIT_MS_CONFIG, "20"));
        try (Admin admin = Admin.create(config.clientSettings())) {
            // the input topic accepts records far above Wenliu's own limit, as a careless producer's might
            admin.createTopics(List.of(new NewTopic(config.topology().inputTopic(), 2, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(INPUT_MAX_BYTES)))))
                    .all().get(60, TimeUnit.SECONDS);
        }
        TestTopics.createMissing(config, 2); // the others as a deployment provisions them
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    /** One record to send and the output it must produce: a reason code, or null for an enriched record. */
    private record Input(String name, byte[] key, byte[] value, String reason) {
    }

    @Test
    void shouldAnswerEveryRecordOnceAndKeepRunning() throws Exception {
        List<Input> inputs = stream();
        assertThat(inputs.stream().filter(i -> i.reason() != null)).hasSizeGreaterThan(30);

        try (StreamsRunner runner = StreamsRunner.start(config)) {
            assertThat(runner.models()).as("every model deployed").contains("segmentation", "similarity");
            assertThat(runner.awaitRunning(Duration.ofMinutes(2))).isTrue();

            Map<String, Input> bySource = new HashMap<>();
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (Input input : inputs) {
                    RecordMetadata sent = producer.send(new ProducerRecord<>(config.topology().inputTopic(),
                            input.key(), input.value())).get();
                    bySource.put(sent.topic() + "-" + sent.partition() + "@" + sent.offset(), input);
                }
            }

            Map<String, List<PipelineOutput>> outputs = new HashMap<>();
            try (OutputConsumer consumer = new OutputConsumer(config.clientSettings(),
                    config.topology().enrichedTopic(), config.topology().deadLetterTopic())) {
                await("every record answered").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            for (PipelineOutput output : consumer.poll(Duration.ofMillis(200))) {
                                outputs.computeIfAbsent(output.source(), s -> new ArrayList<>()).add(output);
                            }
                            return outputs.size() >= bySource.size();
                        });
                long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // any duplicate shows by now
                while (System.nanoTime() < quietUntil) {
                    for (PipelineOutput output : consumer.poll(Duration.ofMillis(200))) {
                        outputs.computeIfAbsent(output.source(), s -> new ArrayList<>()).add(output);
                    }
                }
            }

            assertThat(outputs.keySet()).as("one answer per input offset, no stray ones")
                    .containsExactlyInAnyOrderElementsOf(bySource.keySet());
            bySource.forEach((source, input) -> {
                List<PipelineOutput> answers = outputs.get(source);
                assertThat(answers).as("%s (%s)", input.name(), source).hasSize(1);
                PipelineOutput answer = answers.get(0);
                if (input.reason() == null) {
                    assertThat(answer).as(input.name()).isInstanceOf(PipelineOutput.Enriched.class);
                } else {
                    assertThat(answer).as(input.name()).isInstanceOf(PipelineOutput.DeadLettered.class);
                    assertThat(((DeadLetter) answer.record()).getReasonCode()).as(input.name())
                            .isEqualTo(input.reason());
                }
            });
            assertThat(runner.streams().state()).as("the instance still runs").isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private List<Input> stream() {
        List<Input> hostile = List.of(
                dead("finding 1: a 700 KB document", "big-attributes", documentWithAttributes("big-attributes", 70,
                        10_000), "RECORD_TOO_LARGE"),
                dead("finding 2: a 3 MB text", "huge-text", document("huge-text", "长".repeat(1_000_000)),
                        "RECORD_TOO_LARGE"),
                dead("finding 3: a 64 KB id", "long-id", document("i".repeat(65_536), "很长的编号"), "INVALID_ID"),
                dead("finding 5: an EntityMention", "mention", AvroSerde.entityMention().toBytes(
                        EntityMention.newBuilder().setDocumentId("x").setType("PER").setText("张三").setStart(0)
                                .setEnd(2).setConfidence(0.9f).setEventTime(Instant.now()).build()), "UNKNOWN_SCHEMA"),
                dead("finding 6: an id of invalid UTF-8", "bad-utf8-id", rawDocument(new byte[] {'d', (byte) 0xFF},
                        utf8("正文")), "INVALID_ID"),
                dead("finding 6: id \\n\\u0000", "control-id", document("\n\u0000", "正文"), "INVALID_ID"),
                dead("finding 6: zero-width text", "zero-width", document("zero-width", "\u200B\u200C\u200D\uFEFF"),
                        "EMPTY_TEXT"),
                dead("finding 6: trailing bytes", "trailing", concat(document("trailing", "正文"), new byte[] {1, 2}),
                        "UNDESERIALIZABLE"),
                dead("tombstone", "tombstone", null, "TOMBSTONE"),
                dead("empty value", "empty", new byte[0], "UNDESERIALIZABLE"),
                dead("JSON", "json", utf8("{\"id\":\"j\",\"text\":\"文本\"}"), "UNDESERIALIZABLE"),
                dead("truncated", "truncated", truncate(document("truncated", "被截断的文档内容")), "UNDESERIALIZABLE"),
                dead("blank id", "blank-id", document("  ", "正文"), "MISSING_ID"),
                dead("empty text", "empty-text", document("empty-text", ""), "EMPTY_TEXT"),
                dead("ideographic spaces", "ideographic", document("ideographic", "\u3000\u3000"), "EMPTY_TEXT"),
                dead("text over the limit", "long-text", document("long-text", "字".repeat(20_001)), "TEXT_TOO_LONG"),
                dead("bell in text", "bell", document("bell", "你好\u0007"), "INVALID_CHARACTERS"),
                dead("NUL in text", "nul", document("nul", "你\u0000好"), "INVALID_CHARACTERS"),
                dead("invalid UTF-8 text", "bad-utf8-text", rawDocument(utf8("bad-utf8-text"),
                        new byte[] {(byte) 0xE5, (byte) 0xA5}), "INVALID_CHARACTERS"),
                dead("tab in id", "tab-id", document("a\tb", "正文"), "INVALID_ID"),
                dead("U+FFFD in id", "fffd-id", document("a\uFFFD", "正文"), "INVALID_ID"),
                dead("id of 2 KB", "2k-id", document("k".repeat(2_048), "正文"), "INVALID_ID"),
                dead("random bytes", "random", random(500), "UNDESERIALIZABLE"),
                dead("marker only", "marker", new byte[] {(byte) 0xC3, 0x01}, "UNDESERIALIZABLE"),
                dead("an EnrichedDocument", "enriched", AvroSerde.enrichedDocument().toBytes(
                        io.wenliu.serdes.avro.EnrichedDocument.newBuilder().setId("e").setText("文")
                                .setEventTime(Instant.now()).setProcessedAt(Instant.now()).build()), "UNKNOWN_SCHEMA"),
                dead("a garbage megabyte", "garbage-mb", random(1_200_000), "RECORD_TOO_LARGE"),
                dead("BOM-only text", "bom", document("bom", "\uFEFF"), "EMPTY_TEXT"),
                dead("escape codes", "ansi", document("ansi", "\u001B[31m红色\u001B[0m"), "INVALID_CHARACTERS"),
                dead("noncharacter in text", "nonchar", document("nonchar", "好\uFDD0"), "INVALID_CHARACTERS"),
                dead("zero bytes", "zeros", new byte[100], "UNDESERIALIZABLE"),
                dead("two documents in one value", "two", concat(document("two", "一"), document("two", "二")),
                        "UNDESERIALIZABLE"));
        List<Input> stream = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            stream.add(good("doc-" + i, "第" + i + "篇：北京今天天气晴朗，张三和李四去颐和园散步。"));
            stream.add(hostile.get(i));
            // finding 4: the same id again with another text, while the similarity index is deployed
            if (i % 6 == 0) {
                stream.add(good("doc-" + i, "第" + i + "篇的新版本：上海明天有雨，王五在家读书。"));
            }
        }
        return stream;
    }

    private static Input good(String id, String text) {
        return new Input(id, utf8(id), document(id, text), null);
    }

    private static Input dead(String name, String key, byte[] value, String reason) {
        return new Input(name, utf8(key), value, reason);
    }

    private static byte[] document(String id, String text) {
        return AvroSerde.document().toBytes(Document.newBuilder().setId(id).setText(text).setSource("hostile-it")
                .setEventTime(Instant.now()).build());
    }

    private static byte[] documentWithAttributes(String id, int count, int size) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put("attribute-" + i, "v".repeat(size));
        }
        return AvroSerde.document().toBytes(Document.newBuilder().setId(id).setText("短文").setEventTime(Instant.now())
                .setAttributes(attributes).build());
    }

    private static byte[] rawDocument(byte[] id, byte[] text) {
        GenericRecord record = new GenericData.Record(Document.getClassSchema());
        record.put("id", new Utf8(id));
        record.put("text", new Utf8(text));
        record.put("eventTime", Instant.now().toEpochMilli());
        record.put("attributes", Map.of());
        try {
            var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), Document.getClassSchema())
                    .encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] truncate(byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, bytes.length - 6);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(length).nextBytes(bytes);
        bytes[0] = 0x7B;
        return bytes;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> settings = new HashMap<>(config.clientSettings());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, INPUT_MAX_BYTES);
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
