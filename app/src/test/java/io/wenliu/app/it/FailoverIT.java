package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.it.broker.TestKafka;
import io.wenliu.app.runtime.OutputConsumer;
import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.app.runtime.StreamsRunner;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Wenliu instances with one application id and every model of {@code wenliu.models.dir} deployed
 * (so the batch buffer holds documents and the similarity index's repartition hops are in flight)
 * share a 4-partition input topic; one of them, in its own JVM, is killed mid-stream (SIGKILL: no
 * commit, no leaving the group). The survivor must take over its partitions, and every input record
 * must come out exactly once, enriched or as a dead letter, as a read_committed consumer sees it,
 * counted by input offset: some ids repeat with other texts, and each of those records counts.
 */
class FailoverIT {
    private static final String APPLICATION_ID = "wenliu-failover-it";
    private static final int PARTITIONS = 4;
    private static final int DOCUMENTS = 1000;
    private static final int BAD_EVERY = 10; // every 10th document has blank text: a dead letter
    private static final int REPEAT_EVERY = 7; // every 7th document reuses the id of the one before it

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
                WenliuConfig.STATE_DIR_CONFIG, work.resolve("state-survivor").toString(),
                WenliuConfig.MODELS_DIR_CONFIG, modelsDirectory(),
                "kafka.session.timeout.ms", "6000",
                "kafka.heartbeat.interval.ms", "1500"));
        TestTopics.createMissing(config, PARTITIONS);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void shouldEnrichEveryDocumentExactlyOnceWhenAnInstanceCrashes() throws Exception {
        // Step 1: the victim in its own JVM (configured through the environment, as in a container), then the survivor.
        try (ServiceProcess victim = ServiceProcess.start(Path.of(System.getProperty("java.io.tmpdir"), "it-logs", "failover-victim.log"), Map.of(
                "WENLIU_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "WENLIU_APPLICATION_ID", APPLICATION_ID,
                "WENLIU_STATE_DIR", work.resolve("state-victim").toString(),
                "WENLIU_MODELS_DIR", modelsDirectory(),
                "WENLIU_KAFKA_SESSION_TIMEOUT_MS", "6000",
                "WENLIU_KAFKA_HEARTBEAT_INTERVAL_MS", "1500"));
             Admin admin = Admin.create(config.clientSettings())) {
            await("victim joins").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !victim.isAlive() || members(admin).size() == 1);
            assertThat(victim.isAlive()).as(victim.output()).isTrue();

            try (StreamsRunner survivor = StreamsRunner.start(config)) {
                assertThat(survivor.models()).as("models deployed").contains("segmentation", "similarity");
                await("both instances own input partitions").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> ownedInputPartitions(admin).size() == 2
                                && ownedInputPartitions(admin).values().stream().allMatch(n -> n > 0)
                                && survivor.streams().state() == KafkaStreams.State.RUNNING);
                assertThat(ownedInputPartitions(admin)).as("input partitions per instance").hasSize(2)
                        .allSatisfy((member, owned) -> assertThat(owned).isPositive());

                // Step 2: produce; kill the victim mid-stream; produce the rest.
                Map<String, PipelineOutput> seen = new ConcurrentHashMap<>();
                Map<String, Integer> counts = new ConcurrentHashMap<>();
                Map<String, Integer> sources = new ConcurrentHashMap<>(); // input record -> document number
                try (OutputConsumer outputs = new OutputConsumer(config.clientSettings(),
                        config.topology().enrichedTopic(), config.topology().deadLetterTopic());
                     KafkaProducer<String, byte[]> producer = producer()) {
                    send(producer, 0, DOCUMENTS / 2, sources);
                    await("some outputs before the crash").atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> drain(outputs, seen, counts) >= DOCUMENTS / 10);
                    assertThat(seen.size()).as("the crash must hit a stream in flight").isLessThan(DOCUMENTS);

                    victim.kill();
                    send(producer, DOCUMENTS / 2, DOCUMENTS, sources);

                    // Step 3: the survivor takes over and every document comes out exactly once.
                    await("the survivor owns every input partition").atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> ownedInputPartitions(admin).values().stream().toList()
                                    .equals(List.of(PARTITIONS)));
                    await("every document accounted for").atMost(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> drain(outputs, seen, counts) == DOCUMENTS);
                    // duplicates would be committed by now: read a little longer to see any
                    long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    while (System.nanoTime() < quietUntil) {
                        drain(outputs, seen, counts);
                    }
                }

                assertThat(counts).as("outputs per input record").containsOnlyKeys(sources.keySet())
                        .allSatisfy((source, count) -> assertThat(count).as(source).isEqualTo(1));
                Map<Boolean, Set<Integer>> deadLettered = seen.values().stream().collect(Collectors.partitioningBy(
                        o -> o instanceof PipelineOutput.DeadLettered,
                        Collectors.mapping(o -> sources.get(o.source()), Collectors.toSet())));
                assertThat(deadLettered.get(true)).as("dead letters")
                        .containsExactlyInAnyOrderElementsOf(numbers(i -> i % BAD_EVERY == 0));
                assertThat(deadLettered.get(false)).as("enriched")
                        .containsExactlyInAnyOrderElementsOf(numbers(i -> i % BAD_EVERY != 0));
            }
        }
    }

    private static int drain(OutputConsumer outputs, Map<String, PipelineOutput> seen, Map<String, Integer> counts) {
        for (PipelineOutput output : outputs.poll(Duration.ofMillis(200))) {
            seen.put(output.source(), output);
            counts.merge(output.source(), 1, Integer::sum);
        }
        return seen.size();
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> settings = new HashMap<>(config.clientSettings());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends documents {@code from} to {@code to}, noting each one's input record in {@code sources}. */
    private void send(KafkaProducer<String, byte[]> producer, int from, int to, Map<String, Integer> sources)
            throws Exception {
        AvroSerde<Document> serde = AvroSerde.document();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String id = i % REPEAT_EVERY == 0 && i > 0 ? "doc-" + (i - 1) : "doc-" + i; // the same id, another text
            String text = i % BAD_EVERY == 0 ? " \u3000 " : "第" + i + "号文档：今天北京天气晴朗，张三去公园散步。";
            Document document = Document.newBuilder().setId(id).setText(text).setSource("failover-it")
                    .setEventTime(Instant.now()).build();
            sent.add(producer.send(new ProducerRecord<>(config.topology().inputTopic(), id, serde.toBytes(document))));
        }
        producer.flush();
        for (int i = from; i < to; i++) {
            RecordMetadata metadata = sent.get(i - from).get();
            sources.put(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset(), i);
        }
    }

    private static String modelsDirectory() {
        return System.getProperty("wenliu.models.dir", "../models/artifacts");
    }

    private static Set<Integer> numbers(IntPredicate which) {
        return IntStream.range(0, DOCUMENTS).filter(which).boxed().collect(Collectors.toSet());
    }

    private static Collection<MemberDescription> members(Admin admin) throws Exception {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID))
                    .describedGroups().get(APPLICATION_ID).get();
            return group.members();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of(); // no member has joined yet
            }
            throw e;
        }
    }

    /** Input partitions owned per member (by client id), for members that own any or none. */
    private Map<String, Integer> ownedInputPartitions(Admin admin) throws Exception {
        String input = config.topology().inputTopic();
        return members(admin).stream().collect(Collectors.toMap(MemberDescription::consumerId,
                m -> (int) m.assignment().topicPartitions().stream().map(TopicPartition::topic)
                        .filter(input::equals).count(), Integer::sum));
    }
}
