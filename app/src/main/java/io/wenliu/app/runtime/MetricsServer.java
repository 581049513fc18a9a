package io.wenliu.app.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Prometheus metrics at {@code GET /metrics}: Wenliu's own meters ({@code wenliu_*}: dead
 * letters by reason, enriched documents, batch sizes, stage latencies, similarity links), which the
 * topology registers in the registry given here; every Kafka Streams metric of the client
 * (throughput, latency, lag, task and thread metrics); and the JVM's memory, GC, thread and CPU
 * figures. Uses the JDK's HTTP server on one daemon thread.
 *
 * <p>Owned by {@link StreamsRunner}, which closes it after Kafka Streams; it owns and closes the
 * registry. Thread-safe.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final JvmGcMetrics gcMetrics;

    private MetricsServer(HttpServer server, PrometheusMeterRegistry registry, KafkaStreamsMetrics streamsMetrics,
                          JvmGcMetrics gcMetrics) {
        this.server = server;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.gcMetrics = gcMetrics;
    }

    /**
     * Binds {@code port} on all interfaces and starts serving.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static MetricsServer start(int port, KafkaStreams streams, PrometheusMeterRegistry registry) {
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            streamsMetrics.close();
            gcMetrics.close();
            registry.close();
            throw new UncheckedIOException("Cannot serve metrics on port " + port
                    + "; choose a free port with wenliu.metrics.port, or 0 to turn metrics off", e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, registry));
        server.start();
        LOG.info("Prometheus metrics at http://localhost:{}/metrics", server.getAddress().getPort());
        return new MetricsServer(server, registry, streamsMetrics, gcMetrics);
    }

    /** A registry for {@link #start}: the topology's meters go in before Kafka Streams starts. */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        streamsMetrics.close();
        gcMetrics.close();
        registry.close();
    }
}
