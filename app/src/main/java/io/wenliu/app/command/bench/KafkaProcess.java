package io.wenliu.app.command.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (combined broker and controller) in its own JVM, run from the Kafka server
 * classes on this program's classpath ({@code kafka.Kafka}), with fixed ports and a data directory
 * that outlive the process: {@link #restart()} after {@link #kill()} brings back the same broker with
 * every committed record and transaction, as a real broker restart does. Owned by the chaos harness.
 */
final class KafkaProcess implements AutoCloseable {
    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaProcess(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats the storage under {@code directory} and starts the broker; returns once it accepts clients. */
    static KafkaProcess start(String classpath, Path directory) throws IOException, InterruptedException {
        int brokerPort = freePort();
        int controllerPort = freePort();
        Path properties = directory.resolve("server.properties");
        Files.createDirectories(directory);
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("logs").toAbsolutePath(),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "num.partitions=1",
                ""), StandardCharsets.UTF_8);
        Path log = directory.resolve("broker.log");
        try (ChildProcess format = ChildProcess.start(classpath, "256m", "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()), Map.of(), log)) {
            if (format.waitFor(120) != 0) {
                throw new IllegalStateException("Cannot format Kafka storage under " + directory + "; see " + log);
            }
        }
        ChildProcess broker = ChildProcess.start(classpath, "768m", "kafka.Kafka", List.of(properties.toString()),
                Map.of(), log);
        KafkaProcess kafka = new KafkaProcess(broker, "localhost:" + brokerPort);
        kafka.awaitReady();
        return kafka;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** A broker crash: SIGKILL. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** Starts the same broker again on the same ports and data; returns once it accepts clients. */
    void restart() throws IOException, InterruptedException {
        process.restart();
        awaitReady();
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited; see " + process.log());
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("The Kafka broker did not accept clients within 2 minutes; see " + process.log());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
