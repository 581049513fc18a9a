package io.wenliu.app.command;

import io.wenliu.app.config.WenliuConfig;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu produce FILE}: publishes documents to the input topic, from a text file with one
 * document per line or from JSON lines ({@link DocumentLines}). Keys are document ids. Shows a
 * progress bar on stderr for files over a megabyte. Exits 1 when a line is malformed or a send fails.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Publish documents to Wenliu's input topic from a file (or - for stdin).",
                "Plain text: one document per line, ids <id-prefix>-<line number>. JSON lines: "
                        + "{\"id\": ..., \"text\": ..., \"source\": ..., \"language\": ..., \"eventTime\": ..., "
                        + "\"attributes\": {...}}; only \"text\" is required. Blank lines are skipped."})
public final class ProduceCommand implements Callable<Integer> {
    private static final long PROGRESS_MIN_BYTES = 1 << 20;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "UTF-8 file of documents, or - for standard input.")
    private String file;

    @Option(names = "--format", defaultValue = "auto",
            description = "Line format: ${COMPLETION-CANDIDATES} (auto: lines starting with '{' are JSON; default: ${DEFAULT-VALUE}).")
    private DocumentLines.Format format;

    @Option(names = "--topic", description = "Topic to publish to (default: wenliu.topic.input).")
    private String topic;

    @Option(names = "--id-prefix", description = "Id prefix of documents without an id (default: the file's name).")
    private String idPrefix;

    @Option(names = "--source", description = "Source of documents that name none.")
    private String source;

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    private boolean noProgress;

    @Override
    public Integer call() throws IOException {
        WenliuConfig config = configOptions.load();
        boolean stdin = "-".equals(file);
        Path path = stdin ? null : Path.of(file);
        if (path != null && !Files.isRegularFile(path)) {
            throw new ParameterException(spec.commandLine(), "No file at " + path.toAbsolutePath());
        }
        String target = topic != null ? topic : config.topology().inputTopic();
        String prefix = idPrefix != null ? idPrefix : stdin ? "stdin" : stripExtension(path.getFileName().toString());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Map<String, Object> settings = new LinkedHashMap<>(config.clientSettings());
        settings.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        settings.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        settings.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AvroSerde<Document> serde = AvroSerde.document();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        long sent = 0;
        long skipped = 0;
        long lineNumber = 0;
        long size = stdin ? -1 : Files.size(path);
        try (BufferedReader reader = stdin
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(path, StandardCharsets.UTF_8);
             KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
             ProgressBar progress = !noProgress && size >= PROGRESS_MIN_BYTES ? new ProgressBarBuilder()
                     .setTaskName("produce").setInitialMax(size).setUnit(" MiB", 1 << 20)
                     .setStyle(ProgressBarStyle.ASCII).build() : null) {
            String line;
            Instant now = Instant.now();
            while ((line = reader.readLine()) != null && failure.get() == null) {
                lineNumber++;
                if (progress != null) {
                    progress.stepBy(line.getBytes(StandardCharsets.UTF_8).length + 1L);
                }
                if (line.isBlank()) {
                    skipped++;
                    continue;
                }
                Document document;
                try {
                    document = DocumentLines.parse(line, format, prefix + "-" + lineNumber, source, now);
                } catch (IllegalArgumentException e) {
                    err.printf("Line %d of %s: %s%n", lineNumber, file, e.getMessage());
                    return 1;
                }
                producer.send(new ProducerRecord<>(target, document.getId(), serde.toBytes(document)),
                        (metadata, exception) -> {
                            if (exception != null) {
                                failure.compareAndSet(null, exception);
                            } else {
                                acknowledged.incrementAndGet();
                            }
                        });
                sent++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            err.printf("Sending to %s failed after %d documents: %s%n", target, acknowledged.get(), failure.get());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("Sent %d documents to %s in %.1f s (%.0f/s)%s%n", sent, target, seconds, sent / seconds,
                skipped == 0 ? "" : "; skipped " + skipped + " blank lines");
        return 0;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
