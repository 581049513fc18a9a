package io.wenliu.app.runtime;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wenliu.app.config.WenliuConfig;
import io.wenliu.topology.TopologySettings;
import io.wenliu.topology.WenliuTopology;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.enrich.StageUnavailableException;
import io.wenliu.topology.stages.ModelStages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Wenliu service in this JVM: opens the model stages, builds the topology, starts Kafka
 * Streams (and the Prometheus endpoint when configured), and shuts everything down in order.
 *
 * <p>Ownership: the runner owns the {@link KafkaStreams} client, the stage factories and the metrics
 * server, and closes them in that order in {@link #close()}: the factories only after Kafka Streams
 * has closed every processor that borrowed them. {@link #close()} leaves the consumer group, so the
 * other instances take over this instance's partitions at once instead of after the session
 * timeout (~45 s). An exception that escapes a stream thread is logged and shuts this client down
 * ({@link #awaitTermination} then reports failure); a supervisor restarts the process.
 *
 * <p>Thread-safe: {@link #close()} may be called from a shutdown hook while another thread waits
 * in {@link #awaitTermination}.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final WenliuConfig config;
    private final List<EnrichmentStageFactory> stages;
    private final KafkaStreams streams;
    private final MetricsServer metrics;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamsRunner(WenliuConfig config, List<EnrichmentStageFactory> stages, KafkaStreams streams,
                          MetricsServer metrics) {
        this.config = config;
        this.stages = stages;
        this.streams = streams;
        this.metrics = metrics;
    }

    /**
     * Starts the service. Returns once Kafka Streams has been started (it then joins the group and
     * restores state in the background; see {@link #awaitRunning}).
     *
     * @throws IllegalStateException when a model is present but cannot be loaded, or topics cannot be created
     */
    public static StreamsRunner start(WenliuConfig config) {
        TopologySettings settings = config.topology();
        if (config.createTopics()) {
            createMissingTopics(config);
        } else {
            requireTopics(config);
        }
        List<EnrichmentStageFactory> stages = ModelStages.open(config.models(), config.modelTasks(), config::similarity);
        KafkaStreams streams = null;
        MetricsServer metrics = null;
        try {
            LOG.info("Model stages: {}, running {} (models directory {})",
                    stages.isEmpty() ? "none" : stages.stream().map(EnrichmentStageFactory::name).toList(), models(stages),
                    config.models().modelsDirectory().toAbsolutePath());
            Optional<Integer> port = config.metricsPort();
            // the topology's meters go where /metrics reads, or nowhere in particular without an endpoint
            PrometheusMeterRegistry prometheus = port.isPresent() ? MetricsServer.newRegistry() : null;
            Topology topology = WenliuTopology.build(settings, stages,
                    prometheus != null ? prometheus : Metrics.globalRegistry, config.words());
            LOG.debug("Topology:\n{}", topology.describe());
            streams = new KafkaStreams(topology, config.streamsProperties());
            if (port.isPresent()) {
                metrics = MetricsServer.start(port.get(), streams, prometheus);
            }
            StreamsRunner runner = new StreamsRunner(config, stages, streams, metrics);
            runner.listen();
            streams.start();
            LOG.info("Wenliu '{}' started: {} -> {} | {} on {}", config.applicationId(), settings.inputTopic(),
                    settings.enrichedTopic(), settings.deadLetterTopic(), config.bootstrapServers());
            return runner;
        } catch (RuntimeException e) {
            if (streams != null) {
                streams.close(Duration.ZERO);
            }
            if (metrics != null) {
                metrics.close();
            }
            stages.forEach(EnrichmentStageFactory::close);
            throw e;
        }
    }

    private void listen() {
        streams.setUncaughtExceptionHandler(exception -> {
            // A systemic failure (store, native library, broker authorisation): stop rather than
            // spin; the other instances take over and a supervisor restarts this one.
            LOG.error("Stream thread failed; shutting this Wenliu instance down. {}", adviceFor(exception), exception);
            failure.compareAndSet(null, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Kafka Streams {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                terminated.countDown();
            }
        });
    }

    /**
     * What an operator should do about the failure that stopped the client: a sentence for the log,
     * after the stack trace has said what failed.
     */
    public static String adviceFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StageUnavailableException unavailable) {
                return "The '" + unavailable.stage() + "' model could not run (" + unavailable.getMessage() + "). "
                        + "This is not a bad record and nothing was lost: the uncommitted batch is processed again "
                        + "after a restart. Check the instance's memory (heap, GPU) and " + WenliuConfig.MODELS_DIR_CONFIG
                        + ", then restart it.";
            }
            if (t instanceof RecordTooLargeException) {
                return "A record exceeded the brokers' size limit: keep " + WenliuConfig.RECORD_MAX_BYTES_CONFIG
                        + " at most half, and " + WenliuConfig.OUTPUT_MAX_BYTES_CONFIG + " below, the topics' "
                        + "max.message.bytes and the producer's max.request.size, then restart. Nothing was lost.";
            }
        }
        return "Nothing was lost: the failing record's transaction was aborted and it is read again after a "
                + "restart. If the failure names a record (topic, partition, offset) and recurs, every instance that "
                + "takes that partition will stop on it: report the stack trace, and to move on, stop all instances "
                + "and move the application's committed offset past that record with kafka-consumer-groups "
                + "--reset-offsets --group <" + WenliuConfig.APPLICATION_ID_CONFIG + "> --topic <topic>:<partition> "
                + "--to-offset <offset+1>.";
    }

    /** The Kafka Streams client, for inspection (state, metadata); the runner owns it. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The models deployed, named as {@code EnrichedDocument.models} names their stages, in pipeline order. */
    public List<String> models() {
        return models(stages);
    }

    private static List<String> models(List<EnrichmentStageFactory> stages) {
        return stages.stream().flatMap(stage -> stage.models().stream()).toList();
    }

    /** Waits until Kafka Streams is RUNNING (owns its tasks and processes). */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (!state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
                return false;
            }
            if (terminated.await(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Blocks until Kafka Streams has stopped, by {@link #close()} or because a stream thread failed.
     *
     * @return the failure that stopped it, or empty after a requested shutdown
     */
    public Optional<Throwable> awaitTermination() throws InterruptedException {
        terminated.await();
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops processing: commits, leaves the consumer group, closes Kafka Streams within
     * {@code wenliu.shutdown.timeout.ms}, then the model stages and the metrics server. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        boolean clean = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(config.shutdownTimeout()));
        terminated.countDown();
        RuntimeException problem = closeStagesIfStreamsClosed(clean, stages, config.shutdownTimeout());
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("Wenliu '{}' stopped in {} ms", config.applicationId(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (problem != null) {
            throw problem;
        }
    }

    /**
     * Closes the stage factories (and so frees the models' native memory) only if Kafka Streams has
     * closed: a stream thread still running could be inside a model call, and freeing the memory
     * under it would crash the JVM. Unclosed, the memory goes with the process, which is exiting.
     *
     * @return the first failure to close, others suppressed into it, or null
     */
    static RuntimeException closeStagesIfStreamsClosed(boolean streamsClosed, List<EnrichmentStageFactory> stages,
                                                       Duration timeout) {
        if (!streamsClosed) {
            LOG.warn("Kafka Streams did not close within {} ({}); the models stay loaded because a stream thread "
                    + "may still use them. Nothing is lost: uncommitted work is redone by the next owner. Raise it "
                    + "if batches take longer", timeout, WenliuConfig.SHUTDOWN_TIMEOUT_MS_CONFIG);
            return null;
        }
        RuntimeException problem = null;
        for (EnrichmentStageFactory stage : stages) {
            try {
                stage.close();
            } catch (RuntimeException e) {
                if (problem == null) {
                    problem = e;
                } else {
                    problem.addSuppressed(e);
                }
            }
        }
        return problem;
    }

    // Kafka Streams would stop later with "no partitions available for topic ..." (a global store's
    // topic) or keep retrying sends to a missing sink: say which topics to create, before starting.
    private static void requireTopics(WenliuConfig config) {
        List<String> missing;
        try (Admin admin = Admin.create(config.clientSettings())) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            missing = config.topics().stream().filter(topic -> !existing.contains(topic)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing the topics on " + config.bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list the topics on " + config.bootstrapServers() + " ("
                    + e.getMessage() + "); check " + WenliuConfig.BOOTSTRAP_SERVERS_CONFIG + " and the DESCRIBE permission", e);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing topics " + missing + " on " + config.bootstrapServers()
                    + ": create them (" + config.compactedTopics() + " compacted, cleanup.policy=compact) or set "
                    + WenliuConfig.TOPICS_CREATE_CONFIG + "=true");
        }
    }

    private static void createMissingTopics(WenliuConfig config) {
        List<String> wanted = config.topics();
        try (Admin admin = Admin.create(config.clientSettings())) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : wanted) {
                if (!existing.contains(topic)) {
                    boolean compacted = config.compactedTopics().contains(topic); // keyed by word: one partition is plenty
                    missing.add(new NewTopic(topic, Optional.of(compacted ? 1 : config.topicPartitions()),
                            config.topicReplicationFactor())
                            .configs(compacted ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of()));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another instance was quicker
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + wanted, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics " + wanted + " on "
                    + config.bootstrapServers() + " (" + e.getMessage() + "); create them yourself or check "
                    + "the CREATE permission and " + WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, e);
        }
    }
}
