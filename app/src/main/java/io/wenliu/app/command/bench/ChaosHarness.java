package io.wenliu.app.command.bench;

import io.wenliu.app.WenliuMain;
import io.wenliu.app.runtime.OutputConsumer;
import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.serdes.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.TopicConfig;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves exactly-once under crashes and hostile input, end to end, with real processes:
 * <ol>
 *   <li>a KRaft broker in its own JVM ({@link KafkaProcess}), and {@code instances} {@code wenliu run}
 *       processes with the models of {@code modelsDir};</li>
 *   <li>a producer sends {@code documents} records at {@code rate} per second ({@link ChaosStream}:
 *       repeated ids and one hostile record in ten);</li>
 *   <li>meanwhile {@code kills} SIGKILLs, spread evenly, each followed by a restart of the killed instance,
 *       and {@code brokerRestarts} SIGKILLs of the broker, each followed by its restart;</li>
 *   <li>the input topic is read back: each of its records, by offset, must come out with the outcome its
 *       key implies (a send that failed around a broker restart may still have landed);</li>
 *   <li>a read_committed consumer counts outputs per input offset ({@link ChaosLedger}) until every record
 *       is answered or {@code timeout} passes, then reads a few seconds more so that duplicates show.</li>
 * </ol>
 * The run is exact when every record is answered and nothing is duplicated, answered wrongly or stray;
 * a record without output is waiting if the application has not consumed it, in flight if it has but
 * still has records to read (in its repartition topics, say), and lost if it has nothing left to read. Logs of the broker and
 * each instance go under {@code work}. Not thread-safe; one run per instance.
 */
final class ChaosHarness {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosHarness.class);
    private static final String APPLICATION_ID = "wenliu-chaos";

    /** What a run does; see the class comment. */
    record Settings(int instances, int documents, int kills, int brokerRestarts, int rate, int partitions,
                    Path modelsDir, Path work, String classpath, Duration timeout) {
    }

    /** What a run found. */
    record Report(ChaosLedger.Tally tally, int kills, int brokerRestarts, Duration elapsed) {
    }

    private final Settings settings;
    private final ChaosLedger ledger = new ChaosLedger();
    private final ChaosStream stream = new ChaosStream();

    ChaosHarness(Settings settings) {
        this.settings = settings;
    }

    Report run() throws Exception {
        long started = System.nanoTime();
        try (KafkaProcess broker = KafkaProcess.start(settings.classpath(), settings.work().resolve("broker"))) {
            createTopics(broker.bootstrapServers());
            List<ChildProcess> instances = new ArrayList<>();
            try {
                for (int i = 0; i < settings.instances(); i++) {
                    instances.add(startInstance(broker.bootstrapServers(), i));
                }
                AtomicReference<Exception> producerFailure = new AtomicReference<>();
                Thread producer = new Thread(() -> produce(broker.bootstrapServers(), producerFailure),
                        "chaos-producer");
                producer.start();
                int[] chaos = inflictChaos(broker, instances);
                producer.join();
                if (producerFailure.get() != null) {
                    throw producerFailure.get();
                }
                readInputs(broker.bootstrapServers());
                awaitAnswers(broker.bootstrapServers());
                Progress progress = progress(broker.bootstrapServers());
                return new Report(ledger.tally(progress.committed(), progress.backlog()), chaos[0], chaos[1],
                        Duration.ofNanos(System.nanoTime() - started));
            } finally {
                for (ChildProcess instance : instances) {
                    instance.close();
                }
            }
        }
    }

    private void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Stream<NewTopic> streams = Stream.of(Topics.DOCUMENTS, Topics.ENRICHED, Topics.DEAD_LETTERS, Topics.ENTITIES,
                    Topics.SIMILAR).map(topic -> new NewTopic(topic, settings.partitions(), (short) 1));
            Stream<NewTopic> compacted = Stream.of(Topics.DICTIONARY, Topics.WORD_CANDIDATES).map(topic -> new NewTopic(
                    topic, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            admin.createTopics(Stream.concat(streams, compacted).toList()).all().get(60, TimeUnit.SECONDS);
        }
    }

    private ChildProcess startInstance(String bootstrapServers, int number) throws Exception {
        Path directory = settings.work().resolve("instance-" + number);
        return ChildProcess.start(settings.classpath(), "768m", WenliuMain.class.getName(), List.of("run"), Map.of(
                "WENLIU_BOOTSTRAP_SERVERS", bootstrapServers,
                "WENLIU_APPLICATION_ID", APPLICATION_ID,
                "WENLIU_STATE_DIR", directory.resolve("state").toAbsolutePath().toString(),
                "WENLIU_MODELS_DIR", settings.modelsDir().toAbsolutePath().toString(),
                "WENLIU_KAFKA_SESSION_TIMEOUT_MS", "6000",
                "WENLIU_KAFKA_HEARTBEAT_INTERVAL_MS", "1500"), directory.resolve("wenliu.log"));
    }

    private void produce(String bootstrapServers, AtomicReference<Exception> failure) {
        // Not idempotent: a broker SIGKILLed mid-stream can come back without the producer's sequence state,
        // and an idempotent producer then retries OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout
        // (10 minutes in one CI run). A retried send may land twice; that is two input records, each of which
        // must come out once, since the ledger counts what the input topic holds.
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis(),
                ProducerConfig.LINGER_MS_CONFIG, 5);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, settings.rate());
        long next = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < settings.documents(); i++) {
                ChaosStream.Input input = stream.input(i);
                producer.send(new ProducerRecord<>(Topics.DOCUMENTS, input.key(), input.value()), (metadata, e) -> {
                    if (e != null) {
                        LOG.warn("Send failed: {}", e.toString());
                        ledger.sendFailed(e);
                    } else {
                        ledger.acknowledged(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
                    }
                });
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
        } catch (Exception e) {
            failure.set(e);
        }
    }

    /** Kills (and restarts) instances and the broker at even intervals over the production time; returns {kills, broker restarts}. */
    private int[] inflictChaos(KafkaProcess broker, List<ChildProcess> instances) throws Exception {
        long production = TimeUnit.SECONDS.toNanos(settings.documents()) / Math.max(1, settings.rate());
        int events = settings.kills() + settings.brokerRestarts();
        long start = System.nanoTime();
        int kills = 0;
        int brokerRestarts = 0;
        // every event happens even when the producer is done early (a fast machine, a slow broker restart):
        // the backlog is still being processed, and a run must inflict the chaos it reports
        for (int event = 1; event <= events; event++) {
            long due = start + production * event / (events + 1);
            while (System.nanoTime() < due) {
                Thread.sleep(100);
            }
            // broker restarts fall in the middle of the kills
            boolean brokerTurn = brokerRestarts < settings.brokerRestarts()
                    && event >= (brokerRestarts + 1) * (events + 1) / (settings.brokerRestarts() + 1);
            if (brokerTurn) {
                LOG.info("Chaos: SIGKILL the broker");
                broker.kill();
                Thread.sleep(2000);
                broker.restart();
                brokerRestarts++;
            } else {
                ChildProcess victim = instances.get(kills % instances.size());
                LOG.info("Chaos: SIGKILL instance {}", kills % instances.size());
                victim.kill();
                victim.restart();
                kills++;
            }
        }
        return new int[] {kills, brokerRestarts};
    }

    /** The application's committed offsets and its backlog: the records it has still to read, over every topic it reads. */
    private record Progress(Map<String, Long> committed, long backlog) {
    }

    private static Progress progress(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            offsets.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
            Map<String, Long> committed = new HashMap<>();
            long backlog = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                if (entry.getValue() != null) {
                    committed.put(entry.getKey().topic() + "-" + entry.getKey().partition(), entry.getValue().offset());
                    // one transaction marker may follow a partition's last record
                    backlog += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset() - 1);
                }
            }
            return new Progress(committed, backlog);
        }
    }

    /** Reads the input topic back, end to end: its records, not the producer's acknowledgements, are what must come out. */
    private void readInputs(String bootstrapServers) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOCUMENTS, Duration.ofMinutes(1)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofMinutes(1));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofMinutes(1)) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ledger.expect(record.topic() + "-" + record.partition() + "@" + record.offset(),
                            stream.outcome(record.key()));
                }
            }
        }
    }

    private void awaitAnswers(String bootstrapServers) {
        Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (OutputConsumer outputs = new OutputConsumer(client, Topics.ENRICHED, Topics.DEAD_LETTERS)) {
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            long nextReport = System.nanoTime();
            while (!ledger.isComplete() && System.nanoTime() < deadline) {
                outputs.poll(Duration.ofMillis(500)).forEach(ledger::record);
                if (System.nanoTime() >= nextReport) {
                    LOG.info("{} of {} records answered", ledger.answeredCount(), ledger.expectedCount());
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                }
            }
            long quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // duplicates would show by now
            while (System.nanoTime() < quietUntil) {
                for (PipelineOutput output : outputs.poll(Duration.ofMillis(200))) {
                    ledger.record(output);
                }
            }
        }
    }
}
