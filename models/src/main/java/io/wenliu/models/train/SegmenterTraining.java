package io.wenliu.models.train;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.data.SegmentedCorpus;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;

/**
 * Trains the word segmenter (a BMES character tagger) on segmented corpora, scores it on every dev
 * split through the exported SavedModel, and writes the artifact with its model card.
 *
 * <p>Sequences longer than the longest bucket are cut at the last punctuation mark (else the last
 * word boundary) that fits, so no training text is dropped. Stateless apart from its settings.
 */
public final class SegmenterTraining {
    private static final Logger LOG = LoggerFactory.getLogger(SegmenterTraining.class);
    private static final String PUNCTUATION = "。！？；，、：!?;,:";

    /**
     * @param trainFiles  segmented training corpora (format from the file name, see SegmentedCorpus)
     * @param devFiles    name → dev corpus; the first one chooses the epoch (early stopping)
     * @param outputDir   the artifact directory to write, e.g. models/artifacts/segmenter/1
     * @param command     the command line that ran this, for the model card
     */
    public record Settings(List<Path> trainFiles, Map<String, Path> devFiles, Path outputDir, String version,
                           TaggerHyperParameters hyperParameters, Duration timeBudget, int maxTrainSentences,
                           String command) {
    }

    private SegmenterTraining() {
    }

    public static TrainedTagger run(Settings settings) throws IOException {
        TaggerHyperParameters hp = settings.hyperParameters();
        List<SegmentedCorpus.Sentence> trainSentences = new ArrayList<>();
        for (Path file : settings.trainFiles()) {
            trainSentences.addAll(SegmentedCorpus.read(file));
        }
        if (settings.maxTrainSentences() > 0 && trainSentences.size() > settings.maxTrainSentences()) {
            trainSentences = trainSentences.subList(0, settings.maxTrainSentences());
        }
        List<TaggedSequence> train = new ArrayList<>();
        for (SegmentedCorpus.Sentence s : trainSentences) {
            train.addAll(splitToFit(BmesEncoder.encode(s.words()), hp.maxLength()));
        }
        Map<String, List<TaggedSequence>> devSets = new LinkedHashMap<>();
        settings.devFiles().forEach((name, file) -> devSets.put(name,
                SegmentedCorpus.read(file).stream().map(s -> BmesEncoder.encode(s.words()))
                        .filter(s -> s.length() > 0).toList()));
        String primaryDev = settings.devFiles().keySet().iterator().next();
        CharVocabulary vocabulary = buildVocabulary(train, hp.minCharCount());
        LabelSet labels = new LabelSet(BmesEncoder.LABELS);
        LOG.info("Training on {} sequences ({} sentences), vocabulary {}, dev sets {}", train.size(),
                trainSentences.size(), vocabulary.size(), devSets.keySet());

        SegmentationEvaluator evaluator = new SegmentationEvaluator();
        SequenceDecoder decoder = new SimpleViterbi();
        TaggerTrainer trainer = new TaggerTrainer(hp, vocabulary, labels, evaluator, decoder, settings.timeBudget());
        TrainedTagger model = trainer.train(train, devSets.get(primaryDev));

        // export once to score every dev set through the artifact itself, then write the final card
        SavedModelExporter.Description description = new SavedModelExporter.Description(
                "segmenter-dgcnn-crf", "segmentation", settings.version(), "BMES", 4 * hp.maxLength(),
                Map.of("train", settings.trainFiles().stream().map(Path::toString).toList(),
                        "trainSentences", trainSentences.size(),
                        "dev", settings.devFiles().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()),
                settings.command());
        SavedModelExporter.export(model, description, "", settings.outputDir());
        Map<String, Map<String, Double>> devMetrics = new LinkedHashMap<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(
                settings.outputDir().resolve(SavedModelExporter.SAVED_MODEL_DIR).toString(), "serve")) {
            SessionTagger tagger = SessionTagger.of(bundle, vocabulary, labels.size(), decoder);
            devSets.forEach((name, dev) -> devMetrics.put(name, evaluator.evaluate(dev, tagger.predict(dev))));
        }
        LOG.info("Dev scores of the exported model: {}", devMetrics);
        SavedModelExporter.export(model, description, modelCard(settings, model, trainSentences.size(), train.size(), devMetrics),
                settings.outputDir());
        return model;
    }

    /** Cuts a sequence into pieces of at most {@code maxLength}, at punctuation or word boundaries. */
    static List<TaggedSequence> splitToFit(TaggedSequence s, int maxLength) {
        List<TaggedSequence> pieces = new ArrayList<>();
        int start = 0;
        int n = s.length();
        while (n - start > maxLength) {
            int cut = -1;
            int wordCut = -1;
            for (int end = start + maxLength; end > start; end--) { // a piece is [start, end)
                boolean wordEnds = s.tags()[end - 1] == BmesEncoder.E || s.tags()[end - 1] == BmesEncoder.S;
                if (wordEnds && wordCut < 0) {
                    wordCut = end;
                }
                if (wordEnds && PUNCTUATION.indexOf(s.codePoints()[end - 1]) >= 0) {
                    cut = end;
                    break;
                }
            }
            cut = cut > 0 ? cut : wordCut > 0 ? wordCut : start + maxLength;
            pieces.add(new TaggedSequence(Arrays.copyOfRange(s.codePoints(), start, cut), Arrays.copyOfRange(s.tags(), start, cut)));
            start = cut;
        }
        if (n > start) {
            pieces.add(new TaggedSequence(Arrays.copyOfRange(s.codePoints(), start, n), Arrays.copyOfRange(s.tags(), start, n)));
        }
        return pieces;
    }

    static CharVocabulary buildVocabulary(List<TaggedSequence> train, int minCount) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (TaggedSequence s : train) {
            for (int cp : s.codePoints()) {
                counts.merge(cp, 1, Integer::sum);
            }
        }
        List<Integer> kept = counts.entrySet().stream().filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        return CharVocabulary.of(kept);
    }

    private static String modelCard(Settings settings, TrainedTagger model, int sentences, int sequences,
                                    Map<String, Map<String, Double>> devMetrics) {
        TaggerHyperParameters hp = model.hyperParameters();
        StringBuilder card = new StringBuilder();
        card.append("# Model card: segmenter-dgcnn-crf, version ").append(settings.version()).append("\n\n")
                .append("Chinese word segmenter: a character tagger (B/M/E/S) with character embeddings, ")
                .append(hp.dilations().size()).append(" residual gated dilated convolution blocks (DGCNN, dilations ")
                .append(hp.dilations()).append(") and a linear-chain CRF, trained by Wenliu's Java trainer on the ")
                .append("TensorFlow graph API (`io.wenliu.models.train`). Design after Su Jianlin's kexue.fm posts on ")
                .append("CNN+CRF segmentation and dilated gated CNNs.\n\n")
                .append("## Data\n\n")
                .append("- Training: ").append(settings.trainFiles()).append(" — ").append(sentences).append(" sentences (")
                .append(sequences).append(" training sequences after cutting sentences longer than ").append(hp.maxLength())
                .append(" characters at punctuation). MSR segmentation convention (SIGHAN 2006 MSRA corpus, ")
                .append("research use, see the dataset README). Other conventions (SXU, UD Chinese) were not mixed in: ")
                .append("their word boundaries disagree with MSR's and would lower MSR-convention accuracy.\n")
                .append("- Dev: ").append(settings.devFiles()).append("; the first chose the epoch.\n")
                .append("- Input normalisation: `CharNormalizer` (full-width → half-width, lower case), whitespace removed. ")
                .append("Vocabulary: ").append(model.vocabulary().size()).append(" ids (characters seen at least ")
                .append(hp.minCharCount()).append(" times; the rest map to `<unk>`).\n\n")
                .append("## Dev metrics (word-level, exact span match)\n\n")
                .append("| dev split | precision | recall | F1 | words |\n|---|---|---|---|---|\n");
        devMetrics.forEach((name, m) -> card.append(String.format("| %s | %.4f | %.4f | **%.4f** | %.0f |%n",
                name, m.get("precision"), m.get("recall"), m.get("f1"), m.get("words"))));
        card.append("\n## Hyper-parameters\n\n```\n").append(hp).append("\n```\n\n")
                .append("## Training history\n\n| epoch | train loss | seq/s | learning rate | dev F1 |\n|---|---|---|---|---|\n");
        for (TrainedTagger.EpochReport e : model.history()) {
            card.append(String.format("| %d | %.4f | %.0f | %.6f | %.4f |%n", e.epoch(), e.trainLoss(),
                    e.sequencesPerSecond(), e.learningRate(), e.devMetrics().get("f1")));
        }
        card.append("\n## How it was produced\n\n```\n").append(settings.command()).append("\n```\n\n")
                .append("Trained on ").append(LocalDate.now()).append(" on a 2-core CPU machine (no GPU).\n");
        return card.toString();
    }
}
