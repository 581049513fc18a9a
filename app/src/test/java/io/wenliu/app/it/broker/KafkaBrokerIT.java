package io.wenliu.app.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Smoke test of the integration-test broker, whichever kind {@link TestKafka} picked. */
@ExtendWith(TestKafkaExtension.class)
class KafkaBrokerIT {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerIT.class);

    @Test
    void shouldBeTheKindTheModeAsksFor(TestKafka.Broker broker) {
        LOG.info("KafkaBrokerIT runs against the {} broker at {}", broker.kind(), broker.bootstrapServers());

        switch (TestKafka.Mode.fromSystemProperties()) {
            case CONTAINER -> assertThat(broker.kind()).isEqualTo("testcontainers");
            case IN_PROCESS -> assertThat(broker.kind()).isEqualTo("in-process");
            case AUTO -> assertThat(broker.kind())
                    .isEqualTo(TestKafka.isContainerSupported() ? "testcontainers" : "in-process");
        }
    }

    @Test
    void shouldDeliverCommittedTransactionsInOrderPerPartition(TestKafka.Broker broker) throws Exception {
        String topic = "kafka-broker-it.committed";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // a busy broker may answer "unknown topic" for a moment after creating it: wait for its metadata
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(ExecutionException.class).untilAsserted(() ->
                    assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(2));
        }

        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafka-broker-it");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "doc-" + (i % 10), "文流 " + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "doc-0", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }

        Map<String, List<String>> valuesByKey = new LinkedHashMap<>();
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(10))
                    .untilAsserted(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(r ->
                                valuesByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
                        assertThat(valuesByKey.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(100);
                    });
            // the aborted record sits behind the committed ones: one more poll would return it if visible
            consumer.poll(Duration.ofSeconds(1)).forEach(r ->
                    valuesByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        }

        assertThat(valuesByKey).hasSize(10);
        assertThat(valuesByKey.get("doc-0")).containsExactly(
                "文流 0", "文流 10", "文流 20", "文流 30", "文流 40", "文流 50", "文流 60", "文流 70", "文流 80", "文流 90");
        assertThat(valuesByKey.values()).allSatisfy(values -> assertThat(values).hasSize(10));
    }
}
