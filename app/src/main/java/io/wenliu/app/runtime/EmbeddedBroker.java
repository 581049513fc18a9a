package io.wenliu.app.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process, single-node Kafka (KRaft, combined broker and controller) for {@code wenliu demo},
 * {@code wenliu bench pipeline} and the integration tests when no Docker broker is available.
 *
 * <p>Wraps Kafka's own {@code KafkaClusterTestKit} (an internal test API whose package moved between
 * releases: this class is the only place that names it). The node listens on a random loopback port,
 * keeps its log directories under the given data directory (deleted on close) and is formatted with
 * the latest production metadata version. Internal topics (offsets, transactions) have replication
 * factor 1, so exactly-once producers and Kafka Streams work against it.
 *
 * <p>Lifecycle: {@link #start} returns a running broker; the caller owns it and must {@link #close}
 * it. Thread-safe.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /**
     * Formats and starts a broker whose log directories live under {@code dataDir} (created if
     * missing), and waits until it accepts clients.
     *
     * @throws IllegalStateException when the broker cannot start
     */
    public static EmbeddedBroker start(Path dataDir) {
        long started = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            Files.createDirectories(dataDir);
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dataDir)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("num.partitions", "1")
                    .setDeleteOnClose(true)
                    .build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedBroker broker = new EmbeddedBroker(cluster);
            LOG.info("Embedded Kafka broker at {} (data under {}) started in {} ms", broker.bootstrapServers,
                    dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return broker;
        } catch (Exception e) {
            if (cluster != null) {
                closeQuietly(cluster, e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot start the embedded Kafka broker under " + dataDir + ": " + e, e);
        }
    }

    /** The {@code host:port} list for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates those of {@code topics} that do not exist yet, each with {@code partitions} partitions. */
    public void createTopics(List<String> topics, int partitions) {
        Map<String, Integer> partitionsByTopic = new LinkedHashMap<>();
        topics.forEach(topic -> partitionsByTopic.put(topic, partitions));
        createTopics(partitionsByTopic);
    }

    /** Creates the topics that do not exist yet (replication factor 1) and waits until they do. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList();
            if (topics.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitListed(admin, partitionsByTopic.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + partitionsByTopic.keySet(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics " + partitionsByTopic + " on " + bootstrapServers
                    + ": " + e, e);
        }
    }

    // A created topic reaches the broker's metadata cache a moment after createTopics answers.
    private static void awaitListed(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(topics)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + topics + " not listed 30 s after their creation");
            }
            Thread.sleep(50);
        }
    }

    /** Stops the broker and deletes its log directories. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot stop the embedded Kafka broker at " + bootstrapServers, e);
        }
    }

    /**
     * Formats the log directories. Kafka's formatter prints its progress to {@code System.out}, which
     * belongs to the command's output (the demo's records, consume's JSON lines): send it to the log.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        synchronized (EmbeddedBroker.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                cluster.format();
            } finally {
                System.setOut(stdout);
            }
        }
        LOG.debug("Formatted: {}", captured.toString(StandardCharsets.UTF_8).strip());
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Exception failure) {
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
