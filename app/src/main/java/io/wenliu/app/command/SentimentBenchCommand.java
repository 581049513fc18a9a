package io.wenliu.app.command;

import io.wenliu.app.command.bench.ThroughputHarness;
import io.wenliu.app.command.bench.ThroughputHarness.Throughput;
import io.wenliu.app.command.bench.ThroughputHarness.Workload;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.train.classifier.SentimentCorpus;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench sentiment}: documents per second of the sentiment model, one thread, at
 * several batch sizes (documents per {@link SentimentModel#classify} call). Each batch size runs
 * for {@code --seconds} after a warm-up, looping over the texts (default: ChnSentiCorp dev reviews,
 * a median of ~75 characters); every call classifies a full batch, wrapping around at the end.
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Sentiment documents/s at batch sizes 1, 32 and 256 (one thread).")
public final class SentimentBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions options;

    @Option(names = "--input", description = "UTF-8 text, one document per line (default: chnsenticorp/dev.tsv under --datasets).")
    private Path input;

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per batch size (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--batches", split = ",", defaultValue = "1,32,256", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    private List<Integer> batches;

    @Override
    public Integer call() throws Exception {
        List<String> texts = texts();
        long chars = texts.stream().mapToLong(String::length).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Text: %d documents, %.1f characters on average (%s)%n", texts.size(),
                chars / (double) texts.size(), input != null ? input : datasets.directory().resolve("chnsenticorp/dev.tsv"));
        out.printf(Locale.ROOT, "JVM: %s %s, %d processors, device %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), options.device);
        int largest = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
        ModelSettings settings = new ModelSettings(options.modelsDirectory, options.device, null, largest);
        try (SentimentModel model = SentimentModel.open(settings)) {
            out.printf("Model %s (%s)%n%n| batch | documents/s | characters/s |%n|---|---|---|%n", model.artifact().name(),
                    model.artifact().directory());
            out.flush();
            // the warm-up fills the graph caches and lets the JIT compile
            ThroughputHarness harness = new ThroughputHarness(texts.size(), Math.min(2.0, seconds / 3), seconds);
            Workload classify = ThroughputHarness.textBatches(texts, model::classify);
            for (int batch : batches) {
                Throughput done = harness.measure(classify, batch, 1);
                out.printf(Locale.ROOT, "| %d | %.0f | %.0f |%n", batch, done.itemsPerSecond(), done.unitsPerSecond());
                out.flush();
            }
        }
        return 0;
    }

    private List<String> texts() throws Exception {
        if (input != null) {
            return Files.readAllLines(input, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        }
        Path dev = datasets.directory().resolve("chnsenticorp/dev.tsv");
        if (!Files.isRegularFile(dev)) {
            throw new ParameterException(spec.commandLine(), "No " + dev.toAbsolutePath() + "; pass --input or --datasets");
        }
        return SentimentCorpus.read("chnsenticorp", dev).stream().map(LabeledText::text).toList();
    }
}
