package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wenliu.app.it.broker.TestKafka;
import io.wenliu.serdes.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wenliu run} in its own JVM, configured from a file and the environment: creates its topics,
 * serves Prometheus metrics, and on SIGTERM leaves the consumer group at once (not after the 45 s
 * session timeout) and exits 0.
 */
class GracefulShutdownIT {
    private static final String APPLICATION_ID = "wenliu-shutdown-it";

    @TempDir
    Path work;

    private TestKafka.Broker broker;

    @BeforeEach
    void startBroker() {
        broker = TestKafka.start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void shouldServeMetricsAndLeaveTheGroupOnSigterm() throws Exception {
        int metricsPort = freePort();
        Path repository = Path.of(System.getProperty("wenliu.repo.dir", "..")).toAbsolutePath().normalize();
        try (ServiceProcess service = ServiceProcess.start(
                Path.of(System.getProperty("java.io.tmpdir"), "it-logs", "shutdown-service.log"),
                Map.of("WENLIU_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                        "WENLIU_METRICS_PORT", Integer.toString(metricsPort),
                        "WENLIU_STATE_DIR", work.resolve("state").toString(),
                        "WENLIU_MODELS_DIR", work.resolve("no-models").toString()),
                "--config", repository.resolve("config/wenliu.properties").toString(),
                "--set", "wenliu.application.id=" + APPLICATION_ID);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            await("the service joins its group").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !service.isAlive() || members(admin).stream()
                            .anyMatch(m -> !m.assignment().topicPartitions().isEmpty()));
            assertThat(service.isAlive()).as(service.output()).isTrue();
            assertThat(admin.listTopics().names().get())
                    .as("topics created by wenliu.topics.create=true in the example file")
                    .containsAll(Set.of(Topics.DOCUMENTS, Topics.ENRICHED, Topics.DEAD_LETTERS, Topics.ENTITIES,
                            Topics.SIMILAR));

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.DOCUMENTS, "not-avro".getBytes(StandardCharsets.UTF_8),
                        "{\"id\": 1}".getBytes(StandardCharsets.UTF_8))).get();
            }
            // finding 12: the topology's own meters are on the endpoint, not in another registry
            await("the dead letter is counted on /metrics").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> scrape(metricsPort).contains("wenliu_dead_letters_total{reason=\"UNDESERIALIZABLE\"}"));
            assertThat(scrape(metricsPort)).contains("kafka_stream_thread_").contains("jvm_memory_used_bytes")
                    .contains("wenliu_documents_enriched_total").contains("wenliu_batch_size");
            // finding 14: the setting is on, so Kafka Streams must not say it is off
            assertThat(service.output()).doesNotContain("Processing exception handler is not enabled for the GlobalThread");

            long stopping = System.nanoTime();
            int exitCode = service.terminate(60);
            assertThat(exitCode).as(service.output()).isZero();
            assertThat(members(admin)).as("members right after SIGTERM").isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(30));
            assertThat(service.output()).contains("stopped in");
        }
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body();
    }

    private static List<MemberDescription> members(Admin admin) throws Exception {
        try {
            return List.copyOf(admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups()
                    .get(APPLICATION_ID).get().members());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
