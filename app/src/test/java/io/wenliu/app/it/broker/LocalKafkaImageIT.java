package io.wenliu.app.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The locally built Kafka image keeps the official apache/kafka image's conventions that
 * docker-compose.yml relies on: KAFKA_* variables become broker properties and the command-line tools
 * sit in /opt/kafka/bin. Needs Docker and the image (docker/build-images.sh).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalKafkaImageIT {

    @Test
    void shouldTurnKafkaVariablesIntoBrokerPropertiesAndShipTheTopicsTool() throws Exception {
        TestKafka.Mode mode = TestKafka.Mode.fromSystemProperties();
        assumeTrue(mode != TestKafka.Mode.IN_PROCESS, TestKafka.MODE_PROPERTY + "=in-process");
        if (mode == TestKafka.Mode.CONTAINER) {
            TestKafka.requireContainerSupport();
        } else {
            assumeTrue(TestKafka.isContainerSupported(), "no local image " + TestKafka.image());
        }

        try (KafkaContainer kafka = TestKafka.newContainer().withEnv("KAFKA_NUM_PARTITIONS", "3")) {
            kafka.start();

            // as docker-compose.yml's topic-creation service does; 9093 is the in-container listener
            ExecResult created = kafka.execInContainer("/opt/kafka/bin/kafka-topics.sh",
                    "--bootstrap-server", "localhost:9093", "--create", "--topic", "wenliu.image-it");
            assertThat(created.getExitCode()).as(created.getStderr()).isZero();

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
                assertThat(admin.describeTopics(Set.of("wenliu.image-it")).allTopicNames().get()
                        .get("wenliu.image-it").partitions())
                        .as("partitions from KAFKA_NUM_PARTITIONS").hasSize(3);
            }
        }
    }
}
