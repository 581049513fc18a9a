package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.CharVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;

/**
 * Trains a character tagger for a {@link TaggingTask}, scores it on every dev split through the
 * exported SavedModel (so the reported figures are those of the artifact as served), and writes
 * the artifact with its model card.
 *
 * <p>Sequences longer than the longest bucket are cut at the last punctuation mark (else the last
 * place the task allows) that fits, so no training text is dropped. Stateless.
 */
public final class TaggerTraining {
    private static final Logger LOG = LoggerFactory.getLogger(TaggerTraining.class);
    private static final String PUNCTUATION = "。！？；，、：!?;,:";

    /**
     * @param trainFiles        training corpora
     * @param devFiles          name → dev corpus; the first one chooses the epoch (early stopping)
     * @param outputDir         the artifact directory to write, e.g. models/artifacts/segmenter/1
     * @param maxTrainSentences use only the first sentences of the training data (0: all)
     * @param command           the command line that ran this, for the model card
     * @param warmStartFrom     a tagger artifact whose feature layers the training starts from, or null
     */
    public record Settings(List<Path> trainFiles, Map<String, Path> devFiles, Path outputDir, String version,
                           TaggerHyperParameters hyperParameters, Duration timeBudget, int maxTrainSentences,
                           String command, Path warmStartFrom) {

        public Settings(List<Path> trainFiles, Map<String, Path> devFiles, Path outputDir, String version,
                        TaggerHyperParameters hyperParameters, Duration timeBudget, int maxTrainSentences,
                        String command) {
            this(trainFiles, devFiles, outputDir, version, hyperParameters, timeBudget, maxTrainSentences, command, null);
        }
    }

    private TaggerTraining() {
    }

    public static TrainedTagger run(TaggingTask task, Settings settings) throws IOException {
        TaggerHyperParameters hp = settings.hyperParameters();
        List<TaggedSequence> sentences = new ArrayList<>();
        for (Path file : settings.trainFiles()) {
            sentences.addAll(task.read(file));
        }
        if (settings.maxTrainSentences() > 0 && sentences.size() > settings.maxTrainSentences()) {
            sentences = sentences.subList(0, settings.maxTrainSentences());
        }
        List<TaggedSequence> train = new ArrayList<>();
        for (TaggedSequence s : sentences) {
            train.addAll(splitToFit(task, s, hp.maxLength()));
        }
        Map<String, List<TaggedSequence>> devSets = new LinkedHashMap<>();
        settings.devFiles().forEach((name, file) -> devSets.put(name, task.read(file)));
        String primaryDev = settings.devFiles().keySet().iterator().next();
        WarmStart warmStart = settings.warmStartFrom() == null ? null : WarmStart.load(settings.warmStartFrom());
        CharVocabulary vocabulary = buildVocabulary(train, hp.minCharCount());
        if (warmStart != null) {
            vocabulary = warmStart.extend(vocabulary);
            LOG.info("Starting from {}", warmStart);
        }
        LOG.info("Training {} on {} sequences ({} sentences), vocabulary {}, dev sets {}", task.modelName(),
                train.size(), sentences.size(), vocabulary.size(), devSets.keySet());

        TagEvaluator evaluator = task.evaluator();
        SequenceDecoder decoder = task.devDecoder();
        TaggerInput input = TaggerInput.of(vocabulary, task, hp);
        TaggerTrainer trainer = new TaggerTrainer(hp, input, task.labels(), evaluator, decoder,
                settings.timeBudget(), warmStart);
        TrainedTagger model = trainer.train(train, devSets.get(primaryDev));

        // export once to score every dev set through the artifact itself, then again with the final card
        SavedModelExporter.Description description = new SavedModelExporter.Description(
                task.modelName(), task.taskName(), settings.version(), task.scheme(), 4 * hp.maxLength(),
                Map.of("train", settings.trainFiles().stream().map(Path::toString).toList(),
                        "trainSentences", sentences.size(),
                        "dev", settings.devFiles().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()),
                settings.command());
        SavedModelExporter.export(model, description, "", settings.outputDir());
        Map<String, Map<String, Double>> devMetrics = new LinkedHashMap<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(
                settings.outputDir().resolve(SavedModelExporter.SAVED_MODEL_DIR).toString(), "serve")) {
            SessionTagger tagger = SessionTagger.of(bundle, input, task.labels().size(), decoder);
            devSets.forEach((name, dev) -> devMetrics.put(name, evaluator.evaluate(dev, tagger.predict(dev))));
        }
        LOG.info("Dev scores of the exported model: {}", devMetrics);
        SavedModelExporter.export(model, description,
                modelCard(task, settings, model, sentences.size(), train.size(), devMetrics), settings.outputDir());
        return model;
    }

    /** Cuts a sequence into pieces of at most {@code maxLength}, at punctuation or where the task allows. */
    public static List<TaggedSequence> splitToFit(TaggingTask task, TaggedSequence s, int maxLength) {
        List<TaggedSequence> pieces = new ArrayList<>();
        int start = 0;
        int n = s.length();
        while (n - start > maxLength) {
            int cut = -1;
            int allowedCut = -1;
            for (int end = start + maxLength; end > start; end--) { // a piece is [start, end)
                boolean allowed = task.canCutAfter(s.tags(), end - 1);
                if (allowed && allowedCut < 0) {
                    allowedCut = end;
                }
                if (allowed && PUNCTUATION.indexOf(s.codePoints()[end - 1]) >= 0) {
                    cut = end;
                    break;
                }
            }
            cut = cut > 0 ? cut : allowedCut > 0 ? allowedCut : start + maxLength;
            pieces.add(slice(s, start, cut));
            start = cut;
        }
        if (n > start) {
            pieces.add(slice(s, start, n));
        }
        return pieces;
    }

    private static TaggedSequence slice(TaggedSequence s, int from, int to) {
        return new TaggedSequence(Arrays.copyOfRange(s.codePoints(), from, to), Arrays.copyOfRange(s.tags(), from, to));
    }

    static CharVocabulary buildVocabulary(List<TaggedSequence> train, int minCount) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (TaggedSequence s : train) {
            for (int cp : s.codePoints()) {
                counts.merge(cp, 1, Integer::sum);
            }
        }
        return CharVocabulary.ofCounts(counts, minCount);
    }

    private static String modelCard(TaggingTask task, Settings settings, TrainedTagger model, int sentences,
                                    int sequences, Map<String, Map<String, Double>> devMetrics) {
        TaggerHyperParameters hp = model.hyperParameters();
        String primary = task.evaluator().primaryMetric();
        List<String> metricNames = devMetrics.values().iterator().next().keySet().stream().sorted().toList();
        StringBuilder card = new StringBuilder();
        card.append("# Model card: ").append(task.modelName()).append(", version ").append(settings.version()).append("\n\n")
                .append(task.description()).append(" Trained by Wenliu's Java trainer on the TensorFlow graph API ")
                .append("(`io.wenliu.models.train`); served through DJL's TensorFlow engine.\n\n")
                .append("## Data\n\n")
                .append("- Training: ").append(settings.trainFiles()).append(": ").append(sentences).append(" sentences, ")
                .append(sequences).append(" training sequences after cutting those longer than ").append(hp.maxLength())
                .append(" characters at punctuation. Licences: see each dataset's README.\n")
                .append("- Dev: ").append(settings.devFiles()).append("; the first chose the epoch.\n")
                .append("- Input: one position per code point, normalised by `CharNormalizer` (full-width and ")
                .append("compatibility forms, traditional to simplified, lower case), whitespace and invisible characters removed. Vocabulary: ").append(model.vocabulary().size())
                .append(" ids (characters seen at least ").append(hp.minCharCount()).append(" times; the rest map to `<unk>`).\n")
                .append(hp.wordPositions() ? "- Word positions: the network is also given each character's position in its "
                        + "word (begin, middle, end, single; `WordPositions`, packed into the token ids): the gold words while "
                        + "training and scoring dev, the segmenter's words in the service. A random "
                        + Math.round(TaggerTrainer.UNKNOWN_WORDS_SHARE * 100) + "% of training sequences come without "
                        + "them, so the model also finds words itself when none are given.\n" : "")
                .append(settings.warmStartFrom() == null ? "" : "- Warm start: the character and bigram embeddings and the "
                        + "gated dilated blocks began as those of `" + settings.warmStartFrom() + "` (its vocabulary ids kept, "
                        + "this corpus's other characters appended); the output layer and the CRF transitions began fresh.\n")
                .append("\n")
                .append("## Dev metrics (of the exported artifact; primary: ").append(primary).append(")\n\n")
                .append("| dev split | ").append(String.join(" | ", metricNames)).append(" |\n|---|")
                .append("---|".repeat(metricNames.size())).append("\n");
        devMetrics.forEach((name, m) -> {
            card.append("| ").append(name).append(" |");
            metricNames.forEach(k -> card.append(String.format(k.equals(primary) ? " **%.4f** |" : " %.4f |", m.getOrDefault(k, Double.NaN))));
            card.append("\n");
        });
        card.append("\n## Hyper-parameters\n\n```\n").append(hp).append("\n```\n\n")
                .append("## Training history (dev = first dev split)\n\n| epoch | train loss | seq/s | learning rate | dev ")
                .append(primary).append(" |\n|---|---|---|---|---|\n");
        for (TrainedTagger.EpochReport e : model.history()) {
            card.append(String.format("| %d | %.4f | %.0f | %.6f | %.4f |%n", e.epoch(), e.trainLoss(),
                    e.sequencesPerSecond(), e.learningRate(), e.devMetrics().get(primary)));
        }
        card.append("\n## How it was produced\n\n```\n").append(settings.command()).append("\n```\n\n")
                .append("Trained on ").append(LocalDate.now()).append(" on a 2-core CPU machine (no GPU).\n");
        return card.toString();
    }
}
