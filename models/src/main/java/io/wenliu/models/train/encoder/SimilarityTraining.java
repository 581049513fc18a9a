package io.wenliu.models.train.encoder;

import io.wenliu.models.similarity.PairMetrics;
import io.wenliu.models.similarity.SentencePairs;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.vocab.CharVocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.SessionFunction;

/**
 * Trains, evaluates and exports the similarity model (sentence encoder) end to end:
 *
 * <ol>
 *   <li>reads the training pairs of bq_corpus, atec and chinese_stsb, builds the character vocabulary
 *       (characters seen at least twice);</li>
 *   <li>trains {@link EncoderNetwork} with {@link EncoderTrainer}, keeping the weights that score best
 *       on the bq_corpus and atec dev sets (first 2,000 pairs each) and chinese_stsb dev;</li>
 *   <li>chooses the decision threshold on lcqmc dev (used for nothing else) and reports accuracy
 *       there, accuracy on bq_corpus and atec dev at that threshold and at their own best one, and
 *       Spearman on chinese_stsb dev;</li>
 *   <li>writes {@code models/artifacts/similarity/<version>/}: {@code saved_model/} (signature
 *       {@code serving_default}: {@code token_ids} int32 [batch, length] → {@code embeddings}
 *       float32 [batch, dimension]), {@code vocab.txt}, {@code manifest.json}, {@code MODEL_CARD.md}.</li>
 * </ol>
 * Stateless; one call per run.
 */
public final class SimilarityTraining {
    public static final String SAVED_MODEL_DIR = "saved_model";
    public static final String MODEL_CARD = "MODEL_CARD.md";
    private static final Logger LOG = LoggerFactory.getLogger(SimilarityTraining.class);
    private static final int SELECTION_PAIRS = 2_000;

    private SimilarityTraining() {
    }

    /**
     * What to train and where to write it.
     *
     * @param command the command line that started the run, recorded in the manifest and model card
     */
    public record Settings(Path datasets, Path artifactDir, String version, Duration timeBudget,
                           EncoderHyperParameters hyperParameters, String command) {
    }

    /** The evaluation of a trained model. */
    public record Evaluation(float threshold, Map<String, Double> metrics) {
    }

    public static Evaluation run(Settings settings) throws IOException {
        Path data = settings.datasets();
        List<SentencePairs> trainSets = List.of(SentencePairs.read(data, "bq_corpus", "train"),
                SentencePairs.read(data, "atec", "train"), SentencePairs.read(data, "chinese_stsb", "train"));
        List<Pair> train = new ArrayList<>();
        trainSets.forEach(set -> train.addAll(set.pairs()));
        CharVocabulary vocabulary = vocabulary(train, 2);
        SentencePairs bqDev = SentencePairs.read(data, "bq_corpus", "dev");
        SentencePairs atecDev = SentencePairs.read(data, "atec", "dev");
        SentencePairs stsDev = SentencePairs.read(data, "chinese_stsb", "dev");
        SentencePairs lcqmcDev = SentencePairs.read(data, "lcqmc", "dev");
        List<SentencePairs> selection = List.of(head(bqDev, SELECTION_PAIRS), head(atecDev, SELECTION_PAIRS), stsDev);
        LOG.info("{} training pairs ({}), vocabulary of {} characters", train.size(),
                trainSets.stream().map(s -> s.name() + "=" + s.size()).toList(), vocabulary.size());

        EncoderTrainer trainer = new EncoderTrainer(settings.hyperParameters(), vocabulary, settings.timeBudget(), 400);
        TrainedEncoder model = trainer.train(train, selection);

        Evaluation evaluation;
        try (SessionSentenceEncoder encoder = new SessionSentenceEncoder(model)) {
            evaluation = evaluate(encoder, lcqmcDev, bqDev, atecDev, stsDev);
            LOG.info("Evaluation: threshold {} (chosen on lcqmc dev), {}", evaluation.threshold(), evaluation.metrics());
            float[] mean = meanEmbedding(encoder.encode(meanSample(train)));
            export(encoder, model, evaluation, mean, settings, trainSets);
        }
        return evaluation;
    }

    /** Threshold from lcqmc dev; accuracy at it everywhere, best-threshold accuracy per set, STS-B Spearman. */
    public static Evaluation evaluate(SessionSentenceEncoder encoder, SentencePairs lcqmcDev, SentencePairs bqDev,
                                      SentencePairs atecDev, SentencePairs stsDev) {
        float[] lcqmc = cosines(encoder, lcqmcDev);
        PairMetrics.Threshold chosen = PairMetrics.bestThreshold(lcqmc, lcqmcDev.labels());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("lcqmc/dev accuracy", chosen.accuracy());
        for (SentencePairs set : List.of(bqDev, atecDev)) {
            float[] cosines = cosines(encoder, set);
            metrics.put(set.name() + " accuracy", PairMetrics.accuracy(cosines, set.labels(), chosen.threshold()));
            metrics.put(set.name() + " accuracy at its own best threshold",
                    PairMetrics.bestThreshold(cosines, set.labels()).accuracy());
        }
        metrics.put("chinese_stsb/dev spearman", PairMetrics.spearman(cosines(encoder, stsDev), stsDev.grades()));
        return new Evaluation(chosen.threshold(), metrics);
    }

    static float[] cosines(SessionSentenceEncoder encoder, SentencePairs set) {
        float[][] a = encoder.encode(set.pairs().stream().map(Pair::first).toList());
        float[][] b = encoder.encode(set.pairs().stream().map(Pair::second).toList());
        float[] cosines = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            cosines[i] = UnitVectors.dot(a[i], b[i]);
        }
        return cosines;
    }

    private static SentencePairs head(SentencePairs set, int n) {
        return new SentencePairs(set.name(), set.pairs().subList(0, Math.min(n, set.size())));
    }

    /** Characters seen at least {@code minCount} times, most frequent first. */
    static CharVocabulary vocabulary(List<Pair> pairs, int minCount) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Pair pair : pairs) {
            for (String text : List.of(pair.first(), pair.second())) {
                for (int cp : NormalizedText.of(text).codePoints()) {
                    counts.merge(cp, 1, Integer::sum);
                }
            }
        }
        return CharVocabulary.ofCounts(counts, minCount);
    }

    /** Sentences whose mean embedding centres the streaming index's LSH: the first sentence of every 5th training pair. */
    public static List<String> meanSample(List<Pair> train) {
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < train.size(); i += 5) {
            sample.add(train.get(i).first());
        }
        return sample;
    }

    /** The component-wise mean of {@code vectors}. */
    public static float[] meanEmbedding(float[][] vectors) {
        float[] mean = new float[vectors[0].length];
        for (float[] v : vectors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i] / vectors.length;
            }
        }
        return mean;
    }

    static void export(SessionSentenceEncoder encoder, TrainedEncoder model, Evaluation evaluation, float[] mean,
                       Settings settings, List<SentencePairs> trainSets) throws IOException {
        Path dir = settings.artifactDir();
        Files.createDirectories(dir);
        Path savedModel = dir.resolve(SAVED_MODEL_DIR);
        ArtifactFiles.deleteRecursively(savedModel);
        Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                .input(SessionSentenceEncoder.INPUT_TOKEN_IDS, encoder.input())
                .output(SessionSentenceEncoder.OUTPUT_EMBEDDINGS, encoder.output()).build();
        SavedModelBundle.exporter(savedModel.toString())
                .withFunction(SessionFunction.create(signature, encoder.session())).export();
        model.vocabulary().save(dir);
        Files.writeString(dir.resolve(MODEL_CARD), modelCard(model, evaluation, settings, trainSets), StandardCharsets.UTF_8);

        EncoderHyperParameters hp = model.hyperParameters();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "similarity-dgcnn-encoder");
        manifest.put("task", "similarity");
        manifest.put("version", settings.version());
        manifest.put("dimension", hp.dimension());
        manifest.put("maxLength", hp.maxLength());
        manifest.put("threshold", evaluation.threshold());
        manifest.put("thresholdChosenOn", "lcqmc/dev");
        manifest.put("mean", mean); // the streaming index's LSH hyperplanes pass through it
        manifest.put("signature", Map.of("inputs", Map.of(SessionSentenceEncoder.INPUT_TOKEN_IDS, "int32 [batch, length]"),
                "outputs", Map.of(SessionSentenceEncoder.OUTPUT_EMBEDDINGS, "float32 [batch, dimension], L2-normalised")));
        manifest.put("normalization", "io.wenliu.models.text.CharNormalizer; whitespace removed; cut after maxLength");
        manifest.put("metrics", evaluation.metrics());
        manifest.put("selectionMetrics", model.metrics());
        manifest.put("data", trainSets.stream().map(s -> Map.of("set", s.name(), "pairs", s.size())).toList());
        manifest.put("hyperParameters", hp);
        manifest.put("command", settings.command());
        manifest.put("trainedAt", Instant.now().toString());
        ArtifactFiles.writeManifest(dir, manifest);
    }

    private static String modelCard(TrainedEncoder model, Evaluation evaluation, Settings settings,
                                    List<SentencePairs> trainSets) {
        EncoderHyperParameters hp = model.hyperParameters();
        StringBuilder card = new StringBuilder();
        card.append("# Similarity model v").append(settings.version()).append(": DGCNN sentence encoder\n\n");
        card.append("Maps a sentence to an L2-normalised ").append(hp.dimension())
                .append("-dimensional vector; two sentences have the same meaning when the cosine of their vectors is at least ")
                .append(String.format("%.4f", evaluation.threshold())).append(" (the decision threshold).\n\n");
        card.append("## Evaluation\n\n");
        card.append("The decision threshold was chosen on **lcqmc dev** (maximum accuracy there); lcqmc was used for nothing else ")
                .append("(not for training, not for choosing weights). The lcqmc accuracy below is therefore measured on the same ")
                .append("set that chose the threshold.\n\n| Metric | Value |\n|---|---|\n");
        evaluation.metrics().forEach((k, v) -> card.append("| ").append(k).append(" | ").append(String.format("%.4f", v)).append(" |\n"));
        card.append("\n\"accuracy\" is at the lcqmc threshold; \"at its own best threshold\" is the accuracy with a threshold chosen on that set itself.\n\n");
        card.append("## Data\n\n");
        for (SentencePairs set : trainSets) {
            card.append("- ").append(set.name()).append(": ").append(set.size()).append(" pairs\n");
        }
        card.append("\nShared data sets under `../shared/datasets` (see each folder's README for source and licence: BQ and LCQMC are ")
                .append("research-use-only; ATEC is competition data; Chinese STS-B is a translation of STS-B). Weights were chosen on ")
                .append("bq_corpus dev and atec dev (first 2,000 pairs each, best-threshold accuracy) and chinese_stsb dev (Spearman).\n\n");
        card.append("## Model and training\n\n");
        card.append("Character embeddings (").append(hp.charDim()).append(") + hashed bigram embeddings (").append(hp.bigramBuckets())
                .append(" buckets × ").append(hp.bigramDim()).append("), residual gated dilated convolutions (dilations ")
                .append(hp.dilations()).append(", kernel ").append(hp.kernelSize()).append("), masked mean + max pooling, dense to ")
                .append(hp.dimension()).append(", L2 normalisation. Loss: AM-Softmax over in-batch candidates for paraphrase pairs ")
                .append("(scale ").append(hp.scale()).append(", margin ").append(hp.margin()).append(", both directions) plus CoSENT ")
                .append("ranking of all pairs of a batch by grade (binary labels = 0 or 5, STS-B scores as given). Adam, learning rate ")
                .append(hp.learningRate()).append(" decaying linearly to a tenth over the time budget of ").append(settings.timeBudget())
                .append(", batches of ").append(hp.batchSize()).append(" pairs, dropout ").append(hp.dropout()).append(", sentences cut at ")
                .append(hp.maxLength()).append(" characters, seed ").append(hp.seed()).append(". Trained on CPU with TF-Java.\n\n");
        card.append("Training history (step, pairs seen, loss, pairs/s, selection metrics):\n\n");
        for (TrainedEncoder.Checkpoint c : model.history()) {
            card.append("- ").append(c.step()).append(", ").append((long) c.pairsSeen()).append(", ")
                    .append(String.format("%.4f", c.loss())).append(", ").append(String.format("%.0f", c.pairsPerSecond()))
                    .append(", ").append(c.metrics()).append("\n");
        }
        card.append("\n## Reproduce\n\n```\n").append(settings.command()).append("\n```\n\nTrained ")
                .append(Instant.now()).append(".\n\n## Limitations\n\nCharacter-level, trained on banking and finance questions ")
                .append("plus translated captions: open-domain paraphrases (lcqmc) are out of domain. Sentences longer than ")
                .append(hp.maxLength()).append(" characters are cut.\n");
        return card.toString();
    }
}
