package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wenliu.app.WenliuMain;
import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.it.broker.TestKafka;
import io.wenliu.app.runtime.StreamsRunner;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Token;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with one application id, each owning one of the input topic's two partitions, and the
 * real segmenter: a word an operator adds to the dictionary topic ({@code wenliu dictionary add}) changes
 * how the next document is segmented on both instances, without a restart.
 */
class DictionaryIT {
    private static final Path SEGMENTER = Path.of(System.getProperty("wenliu.models.dir", "../models/artifacts"), "segmenter");
    private static final String WORD = "周一仙"; // a novel's character the news-trained segmenter cuts
    private static final String TEXT = "周一仙走了过来，小环跟在后面。";

    @TempDir
    Path work;

    private TestKafka.Broker broker;
    private WenliuConfig first;
    private WenliuConfig second;

    @BeforeEach
    void startBroker() throws Exception {
        broker = TestKafka.start();
        Path models = Files.createDirectories(work.resolve("models"));
        Files.createSymbolicLink(models.resolve("segmenter"), SEGMENTER.toAbsolutePath()); // the segmenter only
        first = config(models, "state-1");
        second = config(models, "state-2");
    }

    private WenliuConfig config(Path models, String state) {
        return new WenliuConfig(Map.of(
                WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                WenliuConfig.APPLICATION_ID_CONFIG, "wenliu-dictionary-it",
                WenliuConfig.STATE_DIR_CONFIG, work.resolve(state).toString(),
                WenliuConfig.MODELS_DIR_CONFIG, models.toString(),
                WenliuConfig.TOPICS_CREATE_CONFIG, "true",
                WenliuConfig.TOPICS_PARTITIONS_CONFIG, "2",
                "kafka.session.timeout.ms", "6000",
                "kafka.heartbeat.interval.ms", "1500"));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void shouldSegmentTheNextDocumentWithAWordAddedToTheDictionaryOnBothInstances() throws Exception {
        // Step 1: two instances, one input partition each.
        try (StreamsRunner one = StreamsRunner.start(first);
             StreamsRunner two = StreamsRunner.start(second);
             KafkaProducer<String, byte[]> producer = producer();
             KafkaConsumer<String, byte[]> consumer = consumer()) {
            await("both instances running").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> one.streams().state() == KafkaStreams.State.RUNNING
                            && two.streams().state() == KafkaStreams.State.RUNNING
                            && ownsInput(one) && ownsInput(two));
            consumer.subscribe(List.of(first.topology().enrichedTopic()));

            // Step 2: before the entry, the segmenter cuts the word on both partitions.
            Map<Integer, EnrichedDocument> before = enrichOnBothPartitions(producer, consumer, "before");
            assertThat(before.values()).allSatisfy(d -> {
                assertThat(words(d)).doesNotContain(WORD);
                assertThat(d.getDictionaryVersion()).isZero();
            });

            // Step 3: an operator adds the word; the next documents on both instances keep it whole.
            StringWriter out = new StringWriter();
            int exit = WenliuMain.commandLine().setOut(new PrintWriter(out))
                    .execute("dictionary", "-b", broker.bootstrapServers(), "add", WORD);
            assertThat(exit).as(out.toString()).isZero();
            long added = System.nanoTime();
            Map<Integer, EnrichedDocument> after = new ConcurrentHashMap<>();
            await("the word kept whole on both partitions").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        enrichOnBothPartitions(producer, consumer, "after").forEach((p, d) -> {
                            if (words(d).contains(WORD)) {
                                after.put(p, d);
                            }
                        });
                        return after.size() == 2;
                    });
            assertThat(after.values()).allSatisfy(d -> assertThat(d.getDictionaryVersion()).isNotZero());
            assertThat(Duration.ofNanos(System.nanoTime() - added)).isLessThan(Duration.ofSeconds(30));

            StringWriter listed = new StringWriter();
            WenliuMain.commandLine().setOut(new PrintWriter(listed))
                    .execute("dictionary", "-b", broker.bootstrapServers(), "list");
            assertThat(listed.toString()).contains(WORD + "\tKEEP\t\tOPERATOR");
        }
    }

    private boolean ownsInput(StreamsRunner runner) {
        return runner.streams().metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .anyMatch(task -> task.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(first.topology().inputTopic())));
    }

    /** Sends one document to each input partition and returns their enriched records by partition. */
    private Map<Integer, EnrichedDocument> enrichOnBothPartitions(KafkaProducer<String, byte[]> producer,
                                                                  KafkaConsumer<String, byte[]> consumer, String tag) {
        Map<String, Integer> partitionOf = new HashMap<>();
        for (int partition = 0; partition < 2; partition++) {
            String id = tag + "-" + partition + "-" + System.nanoTime();
            Document document = Document.newBuilder().setId(id).setText(TEXT).setEventTime(Instant.now()).build();
            producer.send(new ProducerRecord<>(first.topology().inputTopic(), partition, id,
                    AvroSerde.document().toBytes(document)));
            partitionOf.put(id, partition);
        }
        producer.flush();
        Map<Integer, EnrichedDocument> out = new HashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (out.size() < 2 && System.nanoTime() < until) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Integer partition = partitionOf.get(record.key());
                if (partition != null) {
                    out.put(partition, AvroSerde.enrichedDocument().fromBytes(record.value()));
                }
            }
        }
        assertThat(out).as("enriched records of " + partitionOf.keySet()).hasSize(2);
        return out;
    }

    private static List<String> words(EnrichedDocument document) {
        return document.getTokens().stream().map(Token::getText).toList();
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(new HashMap<>(first.clientSettings()), new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> settings = new HashMap<>(first.clientSettings());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "dictionary-it-reader");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
