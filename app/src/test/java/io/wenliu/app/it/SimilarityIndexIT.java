package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wenliu.app.it.broker.TestKafka;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.Topics;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.SimilarDocument;
import io.wenliu.serdes.avro.SimilarityLink;
import io.wenliu.topology.TopologySettings;
import io.wenliu.topology.WenliuTopology;
import io.wenliu.topology.batch.BatchSettings;
import io.wenliu.topology.similar.NgramEmbeddingStageFactory;
import io.wenliu.topology.similar.SimilaritySettings;
import io.wenliu.topology.similar.SimilarityTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming similarity index on a real broker, with two Wenliu instances sharing one
 * application id (so each holds only part of the index): a document and its near-duplicate,
 * published to different input partitions, are linked, and every document comes out once.
 */
class SimilarityIndexIT {
    private static final int PARTITIONS = 4;
    private static final String ORIGINAL = "北京今天的天气很好，我们下午一起去颐和园散步吧";
    private static final String NEAR_DUPLICATE = "北京今天的天气很好，我们下午一起去颐和园散散步吧！";
    private static final List<String> UNRELATED = List.of("花呗的额度为什么突然降低了", "信用卡逾期一天会影响征信吗",
            "这部电影的结局让人非常失望", "请问从上海到杭州的高铁要多久");

    @TempDir
    Path work;

    private TestKafka.Broker broker;
    private final List<KafkaStreams> instances = new ArrayList<>();
    private final TopologySettings topology = new TopologySettings(Topics.DOCUMENTS, Topics.ENRICHED,
            Topics.DEAD_LETTERS, TopologySettings.DEFAULT_MAX_TEXT_CHARS, new BatchSettings(8, Duration.ofMillis(50)));
    private final SimilaritySettings similarity = SimilaritySettings.defaults(0.85f);

    @BeforeEach
    void startBroker() throws Exception {
        broker = TestKafka.start();
        TestTopics.create(broker.bootstrapServers(), Map.of(Topics.DOCUMENTS, PARTITIONS, Topics.ENRICHED, PARTITIONS,
                Topics.DEAD_LETTERS, PARTITIONS, similarity.similarTopic(), PARTITIONS));
    }

    @AfterEach
    void stop() {
        instances.forEach(streams -> streams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(10))));
        broker.close();
    }

    private KafkaStreams startInstance(String name) {
        Properties config = WenliuTopology.recommendedStreamsConfig();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "wenliu-similarity-it");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state-" + name).toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(WenliuTopology.build(topology,
                List.of(new NgramEmbeddingStageFactory(128, similarity)), new SimpleMeterRegistry()), config);
        instances.add(streams);
        streams.start();
        return streams;
    }

    @Test
    void shouldLinkNearDuplicatesPublishedToDifferentPartitions() throws Exception {
        // Step 1: two instances of one application split the tasks between them.
        KafkaStreams first = startInstance("first");
        KafkaStreams second = startInstance("second");
        await("both instances running with tasks").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING
                        && activeTasks(first) > 0 && activeTasks(second) > 0);

        Map<String, EnrichedDocument> enriched = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        List<SimilarityLink> links = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer();
             KafkaConsumer<String, byte[]> enrichedConsumer = consumer(Topics.ENRICHED);
             KafkaConsumer<String, byte[]> linkConsumer = consumer(similarity.similarTopic())) {
            // Step 2: the original on partition 0, unrelated documents everywhere, then the near-duplicate on partition 3.
            Instant t0 = Instant.now().minusSeconds(600); // brokers refuse timestamps far in the future
            send(producer, 0, "original", ORIGINAL, t0);
            for (int i = 0; i < UNRELATED.size(); i++) {
                send(producer, i % PARTITIONS, "unrelated-" + i, UNRELATED.get(i), t0.plusSeconds(1 + i));
            }
            await("the original and the unrelated documents enriched").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> drain(enrichedConsumer, enriched, counts) >= 1 + UNRELATED.size());
            send(producer, 3, "duplicate", NEAR_DUPLICATE, t0.plusSeconds(60));

            // Step 3: the near-duplicate is linked to the original, on the enriched record and the facet topic.
            await("the near-duplicate enriched").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> drain(enrichedConsumer, enriched, counts) >= 2 + UNRELATED.size());
            await("its link").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        linkConsumer.poll(Duration.ofMillis(200)).forEach(r -> links.add(
                                SimilarityTopology.linkSerde().fromBytes(r.value())));
                        return links.stream().anyMatch(l -> l.getDocumentId().equals("duplicate"));
                    });
            long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quietUntil) { // a duplicate output would be committed by now
                drain(enrichedConsumer, enriched, counts);
            }
        }

        EnrichedDocument duplicate = enriched.get("duplicate");
        assertThat(duplicate.getNearDuplicateOf()).isEqualTo("original");
        assertThat(duplicate.getSimilar()).extracting(SimilarDocument::getId).first().isEqualTo("original");
        assertThat(duplicate.getSimilar().get(0).getScore()).isGreaterThanOrEqualTo(0.85f);
        assertThat(enriched.get("original").getSimilar()).isEmpty();
        assertThat(links).filteredOn(l -> l.getDocumentId().equals("duplicate"))
                .anySatisfy(l -> {
                    assertThat(l.getSimilarId()).isEqualTo("original");
                    assertThat(l.getNearDuplicate()).isTrue();
                });
        assertThat(counts).as("one enriched record per document").hasSize(2 + UNRELATED.size())
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }

    private static int activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private void send(KafkaProducer<String, byte[]> producer, int partition, String id, String text, Instant time)
            throws Exception {
        Document document = Document.newBuilder().setId(id).setText(text).setEventTime(time).build();
        producer.send(new ProducerRecord<>(Topics.DOCUMENTS, partition, time.toEpochMilli(), id,
                AvroSerde.document().toBytes(document))).get();
    }

    private static int drain(KafkaConsumer<String, byte[]> consumer, Map<String, EnrichedDocument> seen,
                             Map<String, Integer> counts) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            seen.put(record.key(), AvroSerde.enrichedDocument().fromBytes(record.value()));
            counts.merge(record.key(), 1, Integer::sum);
        }
        return seen.size();
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "similarity-it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
