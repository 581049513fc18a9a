package io.wenliu.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldCommitTransactionsThatReadCommittedConsumersSee() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
            broker.createTopics(Map.of("in", 4, "out", 1));
            broker.createTopics(Map.of("in", 4)); // idempotent
            broker.createTopics(List.of("in", "facet"), 2); // "in" exists and keeps its 4 partitions

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("in", "out", "facet");
                Map<String, TopicDescription> described =
                        admin.describeTopics(Set.of("in", "facet")).allTopicNames().get();
                assertThat(described.get("in").partitions()).hasSize(4);
                assertThat(described.get("facet").partitions()).hasSize(2);
            }

            Map<String, Object> producerConfig = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-it");
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("out", "k1", "committed"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("out", "k2", "aborted"));
                producer.flush();
                producer.abortTransaction();
            }

            Map<String, Object> consumerConfig = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "embedded-broker-it",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("out"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
                // anything after the first record would already have arrived with it
                consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).containsExactly("committed");
        }
    }
}
