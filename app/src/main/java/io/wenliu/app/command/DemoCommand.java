package io.wenliu.app.command;

import io.wenliu.app.command.DemoSamples.Sample;
import io.wenliu.app.config.ConfigSources;
import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.runtime.EmbeddedBroker;
import io.wenliu.app.runtime.OutputConsumer;
import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.app.runtime.StreamsRunner;
import io.wenliu.serdes.JsonRendering;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Entity;
import io.wenliu.serdes.avro.Token;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu demo}: Wenliu end to end on one machine with nothing installed. Starts an in-process
 * Kafka broker, creates the topics, starts the service in this JVM with whatever models are present,
 * publishes the bundled {@link DemoSamples}, waits until every sample is accounted for on the
 * enriched and dead-letter topics (read_committed), prints them, and checks that each one came out
 * where expected, with the words and sentiment it expects where those stages ran. Exits 0 when all
 * did, 1 otherwise.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run Wenliu end to end on an in-process Kafka broker: publish ~50 bundled sample documents "
                + "(good and bad), print the enriched records and dead letters, and check every sample is accounted for.",
                "Uses the models under wenliu.models.dir (default models/artifacts); without models the "
                        + "documents are still validated and enriched records carry no model output."})
public final class DemoCommand implements Callable<Integer> {
    private static final int TEXT_PREVIEW = 60;
    private static final int MESSAGE_PREVIEW = 110;
    private static final int PREVIEW_TOKENS = 24;

    @Spec
    private CommandSpec spec;

    @Option(names = "--timeout", defaultValue = "180s", converter = DurationConverter.class,
            description = "Longest wait for all outputs (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--json", description = "Print every output record as one line of JSON instead of a summary.")
    private boolean json;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the demo topics (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A Wenliu setting, e.g. --set wenliu.models.dir=/path/to/artifacts; repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        List<Sample> samples = DemoSamples.load();
        Path work = Files.createTempDirectory("wenliu-demo-");
        try (EmbeddedBroker broker = EmbeddedBroker.start(work.resolve("kafka"))) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(WenliuConfig.APPLICATION_ID_CONFIG, "wenliu-demo");
            settings.put(WenliuConfig.STATE_DIR_CONFIG, work.resolve("state").toString());
            settings.put(WenliuConfig.METRICS_PORT_CONFIG, "0");
            Map<String, String> explicit = new LinkedHashMap<>(overrides);
            explicit.put(WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            WenliuConfig config = ConfigSources.load(settings, null, System.getenv(), explicit);
            String input = config.topology().inputTopic();
            broker.createTopics(config.topics(), partitions);

            try (StreamsRunner runner = StreamsRunner.start(config)) {
                out.printf("Wenliu demo: in-process Kafka at %s; model stages: %s%n", broker.bootstrapServers(),
                        runner.models().isEmpty() ? "none (no artifacts under "
                                + config.models().modelsDirectory().toAbsolutePath() + "; documents are validated "
                                + "and passed through without model output)" : String.join(", ", runner.models()));
                publish(config, samples);
                out.printf("Published %d sample records to %s; waiting for the outputs...%n%n", samples.size(), input);
                out.flush();
                Map<String, List<PipelineOutput>> outputs = collect(config, samples, timeout);
                int problems = report(out, samples, outputs);
                out.printf("%nDone in %.1f s.%n", (System.nanoTime() - started) / 1e9);
                return problems == 0 ? 0 : 1;
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static void publish(WenliuConfig config, List<Sample> samples) {
        Map<String, Object> settings = new LinkedHashMap<>(config.clientSettings());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            for (Sample sample : samples) {
                producer.send(new ProducerRecord<>(config.topology().inputTopic(), sample.key(), sample.value()));
            }
            producer.flush();
        }
    }

    /** Reads the outputs until every sample has one, or the timeout passes. */
    static Map<String, List<PipelineOutput>> collect(WenliuConfig config, List<Sample> samples, Duration timeout) {
        Map<String, List<PipelineOutput>> outputs = new LinkedHashMap<>();
        samples.forEach(s -> outputs.put(s.key(), new ArrayList<>()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (OutputConsumer consumer = new OutputConsumer(config.clientSettings(),
                config.topology().enrichedTopic(), config.topology().deadLetterTopic())) {
            while (outputs.values().stream().anyMatch(List::isEmpty) && System.nanoTime() < deadline) {
                for (PipelineOutput output : consumer.poll(Duration.ofMillis(500))) {
                    outputs.computeIfAbsent(output.inputKey(), k -> new ArrayList<>()).add(output);
                }
            }
            // a duplicate would be committed by now; one more poll shows it
            consumer.poll(Duration.ofSeconds(1)).forEach(
                    o -> outputs.computeIfAbsent(o.inputKey(), k -> new ArrayList<>()).add(o));
        }
        return outputs;
    }

    /** Prints the outputs; returns how many samples were missing, duplicated or not where expected. */
    private int report(PrintWriter out, List<Sample> samples, Map<String, List<PipelineOutput>> outputs) {
        List<String> problems = new ArrayList<>();
        int enrichedCount = 0;
        int deadLetterCount = 0;
        if (!json) {
            out.println("== Enriched documents ==");
        }
        for (Sample sample : samples) {
            for (PipelineOutput output : outputs.get(sample.key())) {
                if (output instanceof PipelineOutput.Enriched enriched) {
                    enrichedCount++;
                    out.println(json ? JsonRendering.toJson(enriched.record()) : describe(enriched.record()));
                }
            }
        }
        if (!json) {
            out.println();
            out.println("== Dead letters ==");
        }
        for (Sample sample : samples) {
            for (PipelineOutput output : outputs.get(sample.key())) {
                if (output instanceof PipelineOutput.DeadLettered dead) {
                    deadLetterCount++;
                    out.println(json ? JsonRendering.toJson(dead.record()) : describe(sample.key(), dead.record()));
                }
            }
        }
        for (Sample sample : samples) {
            List<PipelineOutput> found = outputs.get(sample.key());
            if (found.isEmpty()) {
                problems.add(sample.key() + ": no output");
            } else if (found.size() > 1) {
                problems.add(sample.key() + ": " + found.size() + " outputs, expected exactly one");
            } else if (!sample.expect().equals(outcome(found.get(0)))) {
                problems.add(sample.key() + ": expected " + sample.expect() + ", got " + outcome(found.get(0)));
            } else if (found.get(0) instanceof PipelineOutput.Enriched enriched) {
                problems.addAll(handlingProblems(sample, enriched.record()));
            }
        }
        List<String> strangers = outputs.keySet().stream()
                .filter(k -> samples.stream().noneMatch(s -> s.key().equals(k))).toList();
        strangers.forEach(k -> problems.add("output for unknown key '" + k + "'"));
        out.println();
        out.printf("%d samples: %d enriched, %d dead letters; %d accounted for as expected.%n", samples.size(),
                enrichedCount, deadLetterCount, samples.size() - (int) problems.stream()
                        .filter(p -> !p.startsWith("output for unknown key")).count());
        if (!problems.isEmpty()) {
            out.println("PROBLEMS:");
            problems.forEach(p -> out.println("  " + p));
        }
        return problems.size();
    }

    /** Where an enriched sample's words or sentiment differ from what it expects (for the stages that ran). */
    private static List<String> handlingProblems(Sample sample, EnrichedDocument document) {
        List<String> problems = new ArrayList<>();
        if (document.getTokens() != null) {
            List<String> words = document.getTokens().stream().map(Token::getText).toList();
            sample.expectTokens().stream().filter(t -> !words.contains(t))
                    .forEach(t -> problems.add(sample.key() + ": expected the word '" + t + "' whole, got " + words));
        }
        if (document.getSentiment() != null && sample.expectSentiment() != null
                && !sample.expectSentiment().equals(document.getSentiment().getLabel().name())) {
            problems.add(sample.key() + ": expected sentiment " + sample.expectSentiment() + ", got "
                    + document.getSentiment().getLabel());
        }
        return problems;
    }

    private static String outcome(PipelineOutput output) {
        return output instanceof PipelineOutput.DeadLettered dead
                ? dead.record().getReasonCode() : DemoSamples.ENRICHED;
    }

    private static String describe(EnrichedDocument document) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%-24s %s%n", document.getId() + " [" + document.getSource() + "]",
                preview(document.getText(), TEXT_PREVIEW)));
        List<Token> tokens = document.getTokens();
        if (tokens != null) {
            String words = tokens.stream().limit(PREVIEW_TOKENS)
                    .map(t -> t.getPos() == null ? t.getText() : t.getText() + "/" + t.getPos())
                    .collect(Collectors.joining(" | "));
            text.append(String.format("%-24s %s%s%n", "  tokens:", words, tokens.size() > PREVIEW_TOKENS
                    ? " | ... (" + tokens.size() + ")" : ""));
        }
        List<Entity> entities = document.getEntities();
        if (entities != null) {
            text.append(String.format("%-24s %s%n", "  entities:", entities.isEmpty() ? "(none)"
                    : entities.stream().map(e -> e.getText() + "/" + e.getType()).collect(Collectors.joining(", "))));
        }
        if (document.getSentiment() != null) {
            text.append(String.format("%-24s %s (p(positive) = %.2f)%n", "  sentiment:",
                    document.getSentiment().getLabel(), document.getSentiment().getPositiveProbability()));
        }
        if (document.getNearDuplicateOf() != null) {
            text.append(String.format("%-24s %s%n", "  near duplicate of:", document.getNearDuplicateOf()));
        }
        return text.toString().stripTrailing();
    }

    private static String describe(String key, DeadLetter letter) {
        return String.format("%-26s %-20s at %-12s %s", key, letter.getReasonCode(), letter.getStage(),
                preview(letter.getErrorMessage(), MESSAGE_PREVIEW));
    }

    /** A one-line preview: line breaks and control characters made visible, cut after {@code limit} code points. */
    private static String preview(String text, int limit) {
        StringBuilder shown = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (++count > limit) {
                shown.append(" ...");
                break;
            }
            if (cp == '\n') {
                shown.append("⏎");
            } else if (Character.isISOControl(cp)) {
                shown.append(String.format("\\u%04X", cp));
            } else {
                shown.appendCodePoint(cp);
            }
        }
        return shown.toString();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
