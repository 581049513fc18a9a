package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.train.classifier.SentimentCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentiment teacher's training run: bge-small-zh-v1.5 fine-tuned on ChnSentiCorp's train split,
 * the epoch chosen on a validation split carved from it (a seeded 10%), the dev split scored once at
 * the end and used for nothing else. Resumable: run it again with the same checkpoint directory.
 */
public final class TeacherSentimentTraining {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherSentimentTraining.class);
    public static final String CORPUS = "chnsenticorp";
    private static final double VALIDATION_SHARE = 0.1;

    private TeacherSentimentTraining() {
    }

    /**
     * @param output   the artifact directory written when the run finishes, e.g. models/teacher/sentiment/1
     * @param maxTexts train on a seeded sample of this many texts (after carving validation); 0 = all
     * @param command  the command line, for the manifest and model card
     */
    public record Settings(Path datasets, Path checkpointDir, Path output, String version, BertFineTuning fineTuning,
                           int maxTexts, String command) {
    }

    /** Trains (or resumes); once the run has finished, writes the artifact to {@code settings.output()}. */
    public static BertClassifierTrainer.Outcome run(Settings settings) throws IOException {
        List<LabeledText> all = new ArrayList<>(SentimentCorpus.read(settings.datasets(), CORPUS, "train"));
        List<LabeledText> dev = SentimentCorpus.read(settings.datasets(), CORPUS, "dev");
        Collections.shuffle(all, new Random(settings.fineTuning().seed()));
        int validationSize = (int) Math.round(all.size() * VALIDATION_SHARE);
        List<LabeledText> validation = all.subList(0, validationSize);
        List<LabeledText> train = all.subList(validationSize, all.size());
        if (settings.maxTexts() > 0 && settings.maxTexts() < train.size()) {
            train = train.subList(0, settings.maxTexts());
        }
        LOG.info("{}: {} training texts, {} validation (carved from train), {} dev", CORPUS, train.size(),
                validation.size(), dev.size());
        BertWeights weights = BertWeights.bgeSmallZh();
        try (BertTokenizer tokenizer = BertTokenizer.bgeSmallZh()) {
            BertClassifierTrainer trainer = new BertClassifierTrainer(weights, weights.config(BertConfig.BGE_SMALL_ZH_HEADS),
                    tokenizer, settings.fineTuning(), new FineTuningCheckpoint(settings.checkpointDir()));
            BertClassifierTrainer.Outcome outcome = trainer.train(train, validation, dev);
            if (outcome.finished()) {
                write(settings, outcome, train.size(), validation.size(), dev.size());
            }
            return outcome;
        }
    }

    private static void write(Settings settings, BertClassifierTrainer.Outcome outcome, int trainTexts,
                              int validationTexts, int devTexts) throws IOException {
        Path dir = settings.output();
        Files.createDirectories(dir);
        BertFineTuning ft = settings.fineTuning();
        String card = "# Sentiment teacher: bge-small-zh-v1.5 fine-tuned on ChnSentiCorp\n\n"
                + "| split | accuracy | texts |\n|---|---|---|\n"
                + String.format("| validation (%.0f%% carved from train, chose epoch %d) | %.4f | %d |%n",
                        VALIDATION_SHARE * 100, outcome.bestEpoch(), outcome.validationAccuracy(), validationTexts)
                + String.format("| %s dev (chose nothing) | %.4f | %d |%n%n", CORPUS, outcome.devAccuracy(), devTexts)
                + "Encoder: " + BertClassifierExporter.ENCODER + "; word embeddings frozen, everything else fine-tuned "
                + "and stored in half precision (" + BertClassifierExporter.WEIGHTS + "). Trained on " + trainTexts
                + " texts: " + ft + ".\n\nCommand: `" + settings.command() + "`\n";
        Files.writeString(dir.resolve("MODEL_CARD.md"), card, StandardCharsets.UTF_8);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validationAccuracy", outcome.validationAccuracy());
        metrics.put("devAccuracy", outcome.devAccuracy());
        metrics.put("bestEpoch", outcome.bestEpoch());
        BertClassifierExporter.write(dir, outcome.weights(), outcome.shapes(), new TeacherArtifact.Description(
                "sentiment-bge-small-zh", "sentiment", settings.version(), metrics,
                Map.of("train", CORPUS + " train less validation (" + trainTexts + ")",
                        "validation", CORPUS + " train, seeded " + validationTexts, "dev", CORPUS + " dev (" + devTexts + ")"),
                Map.of("batchSize", ft.batchSize(), "maxTokens", ft.maxTokens(), "epochs", ft.epochs(),
                        "peakRate", ft.peakRate(), "warmupShare", ft.warmupShare(), "weightDecay", ft.weightDecay(),
                        "clipNorm", ft.clipNorm(), "dropout", ft.dropout(), "seed", ft.seed()),
                settings.command()));
        LOG.info("Wrote the sentiment teacher to {}", dir.toAbsolutePath());
    }
}
