package io.wenliu.app.it.broker;

import com.github.dockerjava.api.exception.NotFoundException;
import io.wenliu.app.runtime.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives integration tests a real single-node Kafka (KRaft) broker: a Testcontainers container of the
 * Kafka image that {@code docker/build-images.sh} builds locally when Docker can run it, else the
 * in-process {@link EmbeddedBroker}.
 *
 * <p>The system property {@value #MODE_PROPERTY} chooses: {@code auto} (default) takes the container
 * when Docker answers, {@code TESTCONTAINERS_RYUK_DISABLED=true} is set and the image is present
 * locally (Docker Hub is unreachable here, so a missing image would hang on a pull), and the in-process
 * broker otherwise; {@code container} insists on the container and fails when it cannot have one;
 * {@code in-process} never touches Docker. {@value #IMAGE_PROPERTY} names the image
 * (default {@value #DEFAULT_IMAGE}).
 *
 * <p>Both kinds are configured alike: internal topics with replication factor 1 (transactions and
 * exactly-once Streams work), no automatic topic creation, no initial rebalance delay.
 * Stateless and thread-safe; each {@link Broker} belongs to the caller of {@link #start()}.
 */
public final class TestKafka {
    /** {@code auto}, {@code container} or {@code in-process}. */
    public static final String MODE_PROPERTY = "wenliu.it.broker";
    /** The local Kafka image for the container kind. */
    public static final String IMAGE_PROPERTY = "wenliu.it.kafka.image";
    public static final String DEFAULT_IMAGE = "wenliu/kafka:4.3.1";

    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    private static final String RYUK_DISABLED_ENV = "TESTCONTAINERS_RYUK_DISABLED";

    private TestKafka() {
    }

    /** A running broker; the caller owns it and closes it. */
    public interface Broker extends AutoCloseable {
        /** {@code host:port} for clients' {@code bootstrap.servers}. */
        String bootstrapServers();

        /** {@code "testcontainers"} or {@code "in-process"}. */
        String kind();

        /** Stops the broker and discards its data. Idempotent. */
        @Override
        void close();
    }

    /** How {@link #start()} picks a broker. */
    public enum Mode {
        AUTO, CONTAINER, IN_PROCESS;

        /** Reads {@value #MODE_PROPERTY}; an unknown value is an error, not a silent default. */
        public static Mode fromSystemProperties() {
            String value = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "", "auto" -> AUTO;
                case "container", "testcontainers" -> CONTAINER;
                case "in-process", "inprocess", "embedded" -> IN_PROCESS;
                default -> throw new IllegalArgumentException("Unknown " + MODE_PROPERTY + "=" + value
                        + "; use auto, container or in-process");
            };
        }
    }

    /** The Kafka image named by {@value #IMAGE_PROPERTY}. */
    public static String image() {
        return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
    }

    /**
     * Starts a broker of the kind {@value #MODE_PROPERTY} asks for and logs which one it is.
     *
     * @throws IllegalStateException when {@code container} is forced and Docker or the image is missing
     */
    public static Broker start() {
        Mode mode = Mode.fromSystemProperties();
        String why = switch (mode) {
            case IN_PROCESS -> MODE_PROPERTY + "=in-process";
            case CONTAINER -> null;
            case AUTO -> whyNoContainer();
        };
        if (mode == Mode.CONTAINER) {
            requireContainerSupport();
        }
        long started = System.nanoTime();
        Broker broker = why == null ? ContainerBroker.start() : InProcessBroker.start();
        LOG.info("Kafka for integration tests: {} at {} (mode {}{}), up in {} ms", broker.kind(),
                broker.bootstrapServers(), mode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                why == null ? "" : ", no container: " + why,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return broker;
    }

    /**
     * A not yet started container of the local Kafka image, configured like every {@link Broker} of
     * the container kind; for tests of the image itself. The caller owns it.
     */
    public static KafkaContainer newContainer() {
        return new KafkaContainer(DockerImageName.parse(image()).asCompatibleSubstituteFor("apache/kafka"))
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx512m -Xms256m")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "4")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withStartupTimeout(Duration.ofMinutes(2));
    }

    /** Whether Docker answers and holds the local Kafka image, so that a container can start. */
    public static boolean isContainerSupported() {
        return whyNoContainer() == null;
    }

    /**
     * Fails with what to do when a container cannot start.
     *
     * @throws IllegalStateException naming the missing piece
     */
    public static void requireContainerSupport() {
        String why = whyNoContainer();
        if (why != null) {
            throw new IllegalStateException("Cannot run Kafka in a container: " + why
                    + ". Start Docker, run docker/build-images.sh, set " + RYUK_DISABLED_ENV
                    + "=true, or use -D" + MODE_PROPERTY + "=in-process");
        }
    }

    /** Null when a container of the local image can start, else the reason it cannot. */
    private static String whyNoContainer() {
        // Ryuk's image would be pulled from Docker Hub, which does not answer here: without this the
        // first Docker call waits minutes before failing.
        if (!"true".equalsIgnoreCase(System.getenv(RYUK_DISABLED_ENV))) {
            return RYUK_DISABLED_ENV + " is not true";
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine answers";
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image()).exec();
            return null;
        } catch (NotFoundException e) {
            return "image " + image() + " is not built (docker/build-images.sh)";
        }
    }

    /** A container of the local image, started by Testcontainers. */
    private static final class ContainerBroker implements Broker {
        private final KafkaContainer container;

        private ContainerBroker(KafkaContainer container) {
            this.container = container;
        }

        static ContainerBroker start() {
            KafkaContainer container = newContainer();
            try {
                container.start();
            } catch (RuntimeException e) {
                container.close();
                throw e;
            }
            return new ContainerBroker(container);
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public String kind() {
            return "testcontainers";
        }

        @Override
        public void close() {
            container.close(); // stops and removes the container; idempotent
        }
    }

    /** The app's in-process broker, with its data under {@code java.io.tmpdir} (the build directory). */
    private static final class InProcessBroker implements Broker {
        private final EmbeddedBroker broker;

        private InProcessBroker(EmbeddedBroker broker) {
            this.broker = broker;
        }

        static InProcessBroker start() {
            try {
                Path dataDir = Files.createTempDirectory("kafka-it-");
                return new InProcessBroker(EmbeddedBroker.start(dataDir));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a data directory for the in-process broker", e);
            }
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public String kind() {
            return "in-process";
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
