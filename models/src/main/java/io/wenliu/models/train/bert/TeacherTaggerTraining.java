package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertTaggerNetwork;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.inference.BertTaggerModel;
import io.wenliu.models.train.TaggingTask;
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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tagging teacher's training run (NER, segmentation, POS): bge-small-zh-v1.5 fine-tuned with a
 * character CRF head on the task's training corpus, the epoch chosen on a validation split carved from
 * it (a seeded 5%), the dev corpus scored once at the end and used for nothing else. Resumable: run it
 * again with the same checkpoint directory. Writes the artifact (fine-tuned weights in half precision,
 * labels, manifest, model card) when the run has finished.
 */
public final class TeacherTaggerTraining {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherTaggerTraining.class);
    static final double VALIDATION_SHARE = 0.05;

    private TeacherTaggerTraining() {
    }

    /**
     * @param model        the artifact's folder name and manifest name stem, e.g. "ner"
     * @param corpus       what the training and dev files are, for the model card (e.g. "msra_ner")
     * @param maxSentences train on the first N sentences after carving validation (already shuffled); 0 = all
     * @param moreCorpora  further training corpora by name, already in the task's labels (NER: social media, résumés
     *                     mapped to PER/LOC/ORG); each gives its own seeded 5% to validation, and the epoch is chosen
     *                     on all validation parts together
     * @param command      the command line, for the manifest and model card
     */
    public record Settings(TaggingTask task, String model, String corpus, List<Path> trainFiles, Path devFile,
                           Map<String, List<TaggedSequence>> moreCorpora, Path checkpointDir, Path output, String version,
                           BertFineTuning fineTuning, int maxSentences, String command) {
    }

    /** Trains (or resumes); once the run has finished, writes the artifact to {@code settings.output()}. */
    public static BertTaggerTrainer.Outcome run(Settings settings) throws IOException {
        TaggingTask task = settings.task();
        List<TaggedSequence> all = new ArrayList<>();
        for (Path file : settings.trainFiles()) {
            all.addAll(task.read(file));
        }
        List<TaggedSequence> dev = task.read(settings.devFile());
        Map<String, List<TaggedSequence>> validation = new LinkedHashMap<>();
        List<TaggedSequence> train = new ArrayList<>(carve(all, settings.fineTuning().seed(), settings.corpus(), validation));
        if (settings.maxSentences() > 0 && settings.maxSentences() < train.size()) {
            train = new ArrayList<>(train.subList(0, settings.maxSentences()));
        }
        Map<String, Integer> trainSizes = new LinkedHashMap<>();
        trainSizes.put(settings.corpus(), train.size());
        for (Map.Entry<String, List<TaggedSequence>> more : settings.moreCorpora().entrySet()) {
            List<TaggedSequence> rest = carve(more.getValue(), settings.fineTuning().seed(), more.getKey(), validation);
            trainSizes.put(more.getKey(), rest.size());
            train.addAll(rest);
        }
        Map<String, Integer> validationSizes = new LinkedHashMap<>();
        validation.forEach((name, part) -> validationSizes.put(name, part.size()));
        LOG.info("training sentences {}, validation (carved from each) {}, {} dev {}", trainSizes, validationSizes,
                settings.corpus(), dev.size());
        BertWeights weights = BertWeights.bgeSmallZh();
        try (BertTokenizer tokenizer = BertTokenizer.bgeSmallZh()) {
            BertTaggerTrainer trainer = new BertTaggerTrainer(weights, weights.config(BertConfig.BGE_SMALL_ZH_HEADS),
                    tokenizer, task, settings.fineTuning(), new FineTuningCheckpoint(settings.checkpointDir()));
            BertTaggerTrainer.Outcome outcome = trainer.train(train, validation, dev);
            if (outcome.finished()) {
                write(settings, outcome, trainSizes, validationSizes, dev.size());
            }
            return outcome;
        }
    }

    /**
     * Shuffles {@code sentences} by the seed (a copy), puts the first 5% into {@code validation} under
     * {@code name}, and returns the rest: the same seed carves the same validation from the same corpus.
     */
    private static List<TaggedSequence> carve(List<TaggedSequence> sentences, long seed, String name,
                                              Map<String, List<TaggedSequence>> validation) {
        List<TaggedSequence> shuffled = new ArrayList<>(sentences);
        Collections.shuffle(shuffled, new Random(seed));
        int size = (int) Math.round(shuffled.size() * VALIDATION_SHARE);
        validation.put(name, shuffled.subList(0, size));
        return shuffled.subList(size, shuffled.size());
    }

    /** "msra_ner 39642, weibo_ner 1282": sentence counts by corpus, for the card. */
    private static String counts(Map<String, Integer> sizes) {
        return sizes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Metrics as the card shows them: four decimals, counts as integers. */
    static String readable(Map<String, Double> metrics) {
        return metrics.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() == Math.rint(e.getValue()) && Math.abs(e.getValue()) > 1
                        ? String.format("%.0f", e.getValue()) : String.format("%.4f", e.getValue())))
                .collect(Collectors.joining(", "));
    }

    private static void write(Settings settings, BertTaggerTrainer.Outcome outcome, Map<String, Integer> trainSizes,
                              Map<String, Integer> validationSizes, int devSentences) throws IOException {
        int validationSentences = validationSizes.values().stream().mapToInt(Integer::intValue).sum();
        String more = settings.moreCorpora().isEmpty() ? ""
                : " and " + String.join(", ", settings.moreCorpora().keySet()) + " (entity types mapped to " + settings.corpus() + "'s)";
        Path dir = settings.output();
        Files.createDirectories(dir);
        TaggingTask task = settings.task();
        BertFineTuning ft = settings.fineTuning();
        String primary = task.evaluator().primaryMetric();
        String card = "# " + task.taskName() + " teacher: bge-small-zh-v1.5 fine-tuned on " + settings.corpus() + more + "\n\n"
                + "A character CRF tagger (" + task.scheme() + ", " + task.labels().labels() + ") on the pre-trained encoder: "
                + "dropout on the last hidden states, a dense layer to tag scores per word piece, each character taking "
                + "the scores of the piece that covers it, and a linear-chain CRF over characters.\n\n"
                + "| split | " + primary + " | sentences | all metrics |\n|---|---|---|---|\n"
                + String.format("| validation (%.0f%% carved from each training corpus: %s; chose epoch %d) | %.4f | %d | %s |%n",
                        VALIDATION_SHARE * 100, counts(validationSizes), outcome.bestEpoch(), outcome.validationScore(), validationSentences,
                        readable(outcome.validation()))
                + String.format("| %s dev (chose nothing) | %.4f | %d | %s |%n%n", settings.corpus(),
                        outcome.dev().getOrDefault(primary, Double.NaN), devSentences, readable(outcome.dev()))
                + "Encoder: " + TeacherArtifact.ENCODER + "; word embeddings frozen, everything else fine-tuned "
                + "and stored in half precision (" + TeacherArtifact.WEIGHTS + "). Data: " + settings.trainFiles() + more
                + " (sentences after carving validation: " + counts(trainSizes) + "); dev " + settings.devFile()
                + ". Hyper-parameters: " + ft + ".\n\nCommand: `" + settings.command() + "`\n";
        Files.writeString(dir.resolve("MODEL_CARD.md"), card, StandardCharsets.UTF_8);
        task.labels().save(dir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation", outcome.validation());
        metrics.put("dev", outcome.dev());
        metrics.put("bestEpoch", outcome.bestEpoch());
        TeacherArtifact.write(dir, outcome.weights(), outcome.shapes(), new TeacherArtifact.Description(
                        settings.model() + "-bge-small-zh", task.taskName(), settings.version(), metrics,
                        Map.of("train", "train less validation (" + counts(trainSizes) + ")",
                                "validation", "seeded 5% of each train (" + counts(validationSizes) + ")",
                                "dev", settings.corpus() + " dev (" + devSentences + ")"),
                        Map.of("batchSize", ft.batchSize(), "maxTokens", ft.maxTokens(), "epochs", ft.epochs(),
                                "peakRate", ft.peakRate(), "warmupShare", ft.warmupShare(), "weightDecay", ft.weightDecay(),
                                "clipNorm", ft.clipNorm(), "dropout", ft.dropout(), "crfRateMultiplier", ft.crfRateMultiplier(),
                                "seed", ft.seed()),
                        settings.command()),
                Map.of("inputs", Map.of(TeacherSavedModel.INPUT_TOKEN_IDS, "int32 [batch, pieces], [CLS] pieces [SEP], 0 = [PAD]",
                                TeacherSavedModel.INPUT_CHARACTER_PIECES, "int32 [batch, characters], each character's piece index, 0 at padding"),
                        "outputs", Map.of(TeacherSavedModel.OUTPUT_EMISSIONS, "float32 [batch, characters, tags]",
                                TeacherSavedModel.OUTPUT_TRANSITIONS, "float32 [tags, tags]")),
                "served: io.wenliu.models.inference.BertTaggerModel, CharacterPieces.chunks(codePoints, "
                        + BertTaggerModel.MAX_LENGTH + ", " + BertTaggerModel.MAX_LENGTH + ") after the stage's own "
                        + "sentence cuts, each chunk's character scores put back in place; trained on chunks of at most "
                        + (ft.maxTokens() - 2) + " pieces",
                Map.of("scheme", task.scheme(), "labels", task.labels().labels(),
                        "head", Map.of("weight", BertTaggerNetwork.HEAD_WEIGHT, "bias", BertTaggerNetwork.HEAD_BIAS,
                                "transitions", BertTaggerNetwork.TRANSITIONS)));
        LOG.info("Wrote the {} teacher to {}", task.taskName(), dir.toAbsolutePath());
    }
}
