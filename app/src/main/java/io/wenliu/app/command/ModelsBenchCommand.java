package io.wenliu.app.command;

import io.wenliu.app.command.bench.ThroughputHarness;
import io.wenliu.app.command.bench.ThroughputHarness.TextBatchWork;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SimilarityArtifact;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench models}: characters per second of every model found in each {@code --models-dir}
 * on the same texts, one thread, in one JVM, as a Markdown table with each figure's ratio to the first
 * directory's model of the same task at the same batch size: e.g. the CPU set against the teachers.
 * Each model is opened, measured at every batch size and closed before the next is opened.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Characters/s of every model in each --models-dir on the same texts (one thread, one JVM), "
                + "with ratios to the first directory's: e.g. the CPU models against the teachers.")
public final class ModelsBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchTextOptions text;

    @Option(names = "--models-dir", split = ",", defaultValue = "models/artifacts,models/teacher",
            description = "Model directories to measure; the first is the baseline of the ratios (default: ${DEFAULT-VALUE}).")
    private List<Path> modelsDirs;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    private String device;

    /** A model opened for the bench: its artifact name, one batched call, and what to close. */
    private record Opened(String name, TextBatchWork work, AutoCloseable model) {
    }

    /** The tasks a models directory may deploy, in pipeline order, and how each is opened and called. */
    private enum Task {
        SEGMENTER(Segmenter.MODEL) {
            @Override
            Opened open(Path dir, ModelSettings settings) {
                Segmenter model = Segmenter.open(dir, settings);
                return new Opened(model.artifact().name(), model::segment, model);
            }
        },
        POS(PosTagger.MODEL) {
            @Override
            Opened open(Path dir, ModelSettings settings) {
                PosTagger model = PosTagger.open(dir, settings);
                return new Opened(model.artifact().name(), model::tagWords, model);
            }
        },
        NER(EntityRecognizer.MODEL) {
            @Override
            Opened open(Path dir, ModelSettings settings) {
                EntityRecognizer model = EntityRecognizer.open(dir, settings);
                return new Opened(model.artifact().name(), model::recognize, model);
            }
        },
        SENTIMENT(SentimentModel.MODEL) {
            @Override
            Opened open(Path dir, ModelSettings settings) {
                SentimentModel model = SentimentModel.open(dir, settings);
                return new Opened(model.artifact().name(), model::classify, model);
            }
        },
        SIMILARITY(SimilarityArtifact.MODEL) {
            @Override
            Opened open(Path dir, ModelSettings settings) {
                SentenceEncoder model = SentenceEncoder.open(dir, settings.device(), settings.maxBatchSize());
                return new Opened(model.artifact().name(), model::encodeDocuments, model);
            }
        };

        final String folder;

        Task(String folder) {
            this.folder = folder;
        }

        /** Opens the artifact directory {@code dir} of this task. */
        abstract Opened open(Path dir, ModelSettings settings);
    }

    @Override
    public Integer call() throws Exception {
        List<String> texts = text.texts(spec);
        long totalChars = texts.stream().mapToLong(String::length).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Date %s; text: %d texts, %d characters (%s); JVM %s %s, %d processors, device %s%n%n",
                LocalDate.now(), texts.size(), totalChars, text.source(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), device);
        out.println("| task | models dir | artifact | batch | characters/s | vs " + modelsDirs.get(0) + " |");
        out.println("|---|---|---|---|---|---|");
        out.flush();
        int maxBatch = text.batches().stream().mapToInt(Integer::intValue).max().orElse(1);
        ThroughputHarness harness = new ThroughputHarness(texts.size(), Math.min(5, Math.max(2, text.seconds() / 2)), text.seconds());
        for (Task task : Task.values()) {
            Map<Integer, Double> baseline = new HashMap<>();
            for (Path modelsDir : modelsDirs) {
                Optional<Path> artifact = StudentArtifact.deployed(modelsDir, task.folder);
                if (artifact.isEmpty()) {
                    continue;
                }
                Opened opened = task.open(artifact.get(), new ModelSettings(modelsDir, device, null, maxBatch));
                try (AutoCloseable model = opened.model()) {
                    for (int batch : text.batches()) {
                        double rate = harness.measure(ThroughputHarness.textBatches(texts, opened.work()), batch, 1).unitsPerSecond();
                        Double base = baseline.putIfAbsent(batch, rate);
                        out.printf(Locale.ROOT, "| %s | %s | %s | %d | %,.0f | %s |%n", task.folder, modelsDir, opened.name(),
                                batch, rate, base == null ? "1" : String.format(Locale.ROOT, "%.3f", rate / base));
                        out.flush();
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "%nPeak RSS (VmHWM): %s%n", ThroughputHarness.peakRss());
        return 0;
    }
}
