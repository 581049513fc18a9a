package io.wenliu.app.command.bench;

import io.wenliu.app.command.DurationConverter;
import io.wenliu.app.config.ConfigSources;
import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.runtime.EmbeddedBroker;
import io.wenliu.app.runtime.OutputConsumer;
import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.app.runtime.StreamsRunner;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import io.wenliu.app.command.DatasetsOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench pipeline}: documents per second and end-to-end latency of the whole pipeline
 * (producer → input topic → Wenliu with the models present → enriched topic → read_committed
 * consumer) on an in-process broker. Documents are real sentences of the MSRA corpus (dev split)
 * joined to lengths drawn uniformly from [--min-chars, --max-chars]. Latency is measured per
 * document from just before the producer's send to the moment the consumer receives its output,
 * on one monotonic clock (all in this JVM); the first --warmup documents are excluded.
 *
 * <p>With {@code --rate 0} documents are sent as fast as the producer can (throughput: latency then
 * includes queueing); with a rate they are sent at that pace (latency at a given load). With
 * {@code --against-no-models} the same documents run twice more, each run on a fresh broker and instance in
 * this JVM: with the models at half the measured maximum (the latency a sustainable load sees) and with no
 * models (the cost of Kafka, exactly-once, validation and batching alone), and the ratio of documents/s is
 * printed: the models' cost measured against its baseline in one run.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Measure documents/s and p50/p99 end-to-end latency of the pipeline on an in-process broker.")
public final class PipelineBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--documents", defaultValue = "3000", description = "Documents measured (default: ${DEFAULT-VALUE}).")
    private int documents;

    @Option(names = "--warmup", defaultValue = "300", description = "Documents sent first and not measured (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--min-chars", defaultValue = "50", description = "Shortest document (default: ${DEFAULT-VALUE}).")
    private int minChars;

    @Option(names = "--max-chars", defaultValue = "500", description = "Longest document (default: ${DEFAULT-VALUE}).")
    private int maxChars;

    @Option(names = "--rate", defaultValue = "0",
            description = "Documents per second to send; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--partitions", defaultValue = "4", description = "Input topic partitions (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the document lengths (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "Longest wait for all outputs (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A Wenliu setting (e.g. wenliu.batch.max.size=64, wenliu.stream.threads=2); repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--against-no-models",
            description = "Also run the same documents with these models at half the documents/s just measured (latency "
                    + "at a sustainable load) and with no models (an empty models folder), one after the other in this "
                    + "JVM, and print the three runs and the ratio of documents/s to no models; needs --rate 0.")
    private boolean againstNoModels;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (minChars < 1 || maxChars < minChars) {
            throw new ParameterException(spec.commandLine(), "Need 1 <= --min-chars <= --max-chars");
        }
        if (againstNoModels && rate != 0) {
            throw new ParameterException(spec.commandLine(), "--against-no-models measures the maximum rate first: leave --rate at 0");
        }
        Path corpus = datasets.directory().resolve("msra_ner/dev.wordtag.txt");
        if (!Files.isRegularFile(corpus)) {
            throw new ParameterException(spec.commandLine(), "No corpus at " + corpus.toAbsolutePath()
                    + "; pass --datasets or set WENLIU_DATASETS_DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> texts = BenchDocuments.fromWordTagFile(corpus, warmup + documents, minChars, maxChars,
                new Random(seed));
        Run models = run(out, texts, Map.of(), rate);
        if (!againstNoModels) {
            return models.result().missing == 0 ? 0 : 1;
        }
        int half = Math.max(1, (int) Math.round(models.result().documentsPerSecond / 2));
        Run halfRate = run(out, texts, Map.of(), half);
        // no models last: it runs on a JVM the other runs have warmed, its best case, so the ratio does not flatter
        Path empty = Files.createTempDirectory("wenliu-bench-no-models-");
        Run none;
        try {
            none = run(out, texts, Map.of(WenliuConfig.MODELS_DIR_CONFIG, empty.toString()), 0);
        } finally {
            Files.deleteIfExists(empty);
        }
        out.println();
        out.println("| models | rate | documents/s | p50 | p90 | p99 | dead letters / missing |");
        out.println("|---|---|---:|---:|---:|---:|---|");
        for (Run r : List.of(models, halfRate, none)) {
            long[] l = r.result().latenciesNanos;
            out.printf("| %s | %s | %.1f | %s | %s | %s | %d / %d |%n",
                    r.stages().isEmpty() ? "none" : String.join(", ", r.stages()),
                    r.rate() == 0 ? "unlimited" : r.rate() + "/s", r.result().documentsPerSecond,
                    milliseconds(l, 50), milliseconds(l, 90), milliseconds(l, 99), r.result().deadLetters,
                    r.result().missing);
        }
        out.printf("documents/s with models / without: %.3f%n",
                models.result().documentsPerSecond / none.result().documentsPerSecond);
        return models.result().missing + halfRate.result().missing + none.result().missing == 0 ? 0 : 1;
    }

    /** One measured run: the model stages deployed, the send rate (0 = unlimited) and what was measured. */
    private record Run(List<String> stages, int rate, Result result) {
    }

    /** Starts a broker and one Wenliu instance with {@code settings} on top of --set, measures, prints, tears down. */
    private Run run(PrintWriter out, List<String> texts, Map<String, String> settings, int sendRate)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("wenliu-bench-");
        try (EmbeddedBroker broker = EmbeddedBroker.start(work.resolve("kafka"))) {
            Map<String, String> defaults = Map.of(
                    WenliuConfig.APPLICATION_ID_CONFIG, "wenliu-bench",
                    WenliuConfig.STATE_DIR_CONFIG, work.resolve("state").toString());
            Map<String, String> explicit = new LinkedHashMap<>(overrides);
            explicit.putAll(settings);
            explicit.put(WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            WenliuConfig config = ConfigSources.load(defaults, null, System.getenv(), explicit);
            broker.createTopics(config.topics(), partitions);
            try (StreamsRunner runner = StreamsRunner.start(config)) {
                if (!runner.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("Kafka Streams did not reach RUNNING: " + runner.streams().state());
                }
                Result result = measure(config, texts, sendRate);
                print(out, config, runner, texts, sendRate, result);
                return new Run(runner.models(), sendRate, result);
            }
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private record Result(long[] latenciesNanos, double documentsPerSecond, double seconds, int deadLetters,
                          int missing) {
    }

    private Result measure(WenliuConfig config, List<String> texts, int rate) throws InterruptedException {
        int total = texts.size();
        long[] sentAt = new long[total];
        long[] receivedAt = new long[total];
        Map<String, Integer> indexById = new ConcurrentHashMap<>();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger deadLetters = new AtomicInteger();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (OutputConsumer consumer = new OutputConsumer(config.clientSettings(),
                    config.topology().enrichedTopic(), config.topology().deadLetterTopic())) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (received.get() < total && System.nanoTime() < deadline
                        && !Thread.currentThread().isInterrupted()) {
                    for (PipelineOutput output : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        Integer index = indexById.get(output.inputKey());
                        if (index != null && receivedAt[index] == 0) {
                            receivedAt[index] = now;
                            received.incrementAndGet();
                            if (output instanceof PipelineOutput.DeadLettered) {
                                deadLetters.incrementAndGet();
                            }
                        }
                    }
                }
            } catch (Throwable e) {
                readerFailure.set(e);
            }
        }, "bench-reader");
        for (int i = 0; i < total; i++) {
            indexById.put("bench-" + i, i);
        }
        reader.start();

        Map<String, Object> settings = new LinkedHashMap<>(config.clientSettings());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, rate == 0 ? 10 : 0);
        AvroSerde<Document> serde = AvroSerde.document();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < total; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String id = "bench-" + i;
                Document document = Document.newBuilder().setId(id).setText(texts.get(i)).setSource("bench")
                        .setEventTime(Instant.now()).build();
                byte[] value = serde.toBytes(document);
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(config.topology().inputTopic(), id, value));
            }
            producer.flush();
        }
        reader.join(timeout.toMillis() + 10_000);
        reader.interrupt();
        if (readerFailure.get() != null) {
            throw new IllegalStateException("Reading the outputs failed", readerFailure.get());
        }
        long[] latencies = new long[documents];
        long firstMeasuredSend = sentAt[warmup];
        long lastReceive = 0;
        int measured = 0;
        for (int i = warmup; i < total; i++) {
            if (receivedAt[i] != 0) {
                latencies[measured++] = receivedAt[i] - sentAt[i];
                lastReceive = Math.max(lastReceive, receivedAt[i]);
            }
        }
        long[] observed = Arrays.copyOf(latencies, measured);
        Arrays.sort(observed);
        double seconds = (lastReceive - firstMeasuredSend) / 1e9;
        return new Result(observed, measured / seconds, seconds, deadLetters.get(), total - received.get());
    }

    private void print(PrintWriter out, WenliuConfig config, StreamsRunner runner, List<String> texts, int rate,
                       Result result) {
        double meanChars = texts.stream().mapToInt(String::length).average().orElse(0);
        long[] l = result.latenciesNanos;
        out.printf("wenliu bench pipeline: %d documents (+%d warm-up), %d-%d chars (mean %.0f), rate %s, %d partitions%n",
                documents, warmup, minChars, maxChars, meanChars, rate == 0 ? "unlimited" : rate + "/s", partitions);
        out.printf("model stages: %s; stream threads %d; batch max size %d, max wait %d ms%n",
                runner.models().isEmpty() ? "none" : String.join(", ", runner.models()),
                config.getInt(WenliuConfig.STREAM_THREADS_CONFIG), config.batch().maxSize(),
                config.batch().maxWait().toMillis());
        out.printf("machine: %d cores (%s), %s, Java %s, load average %s, %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), loadAverage(), Instant.now().truncatedTo(ChronoUnit.MINUTES));
        out.printf("throughput: %.1f documents/s (%.1f s for %d documents)%n", result.documentsPerSecond,
                result.seconds, l.length);
        if (l.length > 0) {
            out.printf("end-to-end latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    percentile(l, 50), percentile(l, 90), percentile(l, 99), l[l.length - 1] / 1e6);
        }
        out.printf("outputs: %d dead letters, %d missing%n", result.deadLetters, result.missing);
    }

    private static String milliseconds(long[] sortedNanos, double p) {
        return sortedNanos.length == 0 ? "-" : String.format("%,.0f ms", percentile(sortedNanos, p));
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    /** The 1, 5 and 15 minute load averages: how busy the machine was (figures mean little under load). */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
