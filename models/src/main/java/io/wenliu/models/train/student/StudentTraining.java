package io.wenliu.models.train.student;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.similarity.OpenDomainThreshold;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.similarity.SentencePairs;
import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.TaggerTraining;
import io.wenliu.models.train.bert.FineTuningCheckpoint;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.train.classifier.SentimentCorpus;
import io.wenliu.models.train.classifier.SentimentMix;
import io.wenliu.models.train.classifier.SentimentNgramsTrainer;
import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.models.vocab.CharVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the one-pass student on the gold data of all five tasks and writes its artifact:
 *
 * <ol>
 *   <li>reads the training corpora the single-task models learn from ({@link #TRAINING_DATA}): MSR words
 *       (msra_ner's word-tagged text), MSRA entities, UD Chinese GSD parts of speech, the four sentiment
 *       corpora mixed as {@link SentimentMix} does, and the bq_corpus, atec and chinese_stsb pairs;</li>
 *   <li>carves a seeded 5% validation split from each ({@link StudentCorpora#split}); cuts training sentences
 *       longer than the longest bucket at punctuation; builds one vocabulary from all training texts;</li>
 *   <li>trains with {@link StudentTrainer} (resumable from the checkpoint directory, within a time budget);</li>
 *   <li>once the run has finished, scores every task's dev split ({@link #DEV_DATA}) with the chosen weights
 *       and writes the artifact ({@link StudentExporter}) with a model card that keeps validation and dev apart, the
 *       spread of its embeddings ({@link StudentSpread}) and, where lcqmc dev is at hand, the open-domain similarity threshold
 *       ({@link StudentThreshold}).</li>
 * </ol>
 * Stateless; one call per run.
 */
public final class StudentTraining {
    private static final Logger LOG = LoggerFactory.getLogger(StudentTraining.class);
    /** Training files by task, under the datasets folder. */
    public static final Map<String, List<String>> TRAINING_DATA = trainingData();
    /** Dev files by task, under the datasets folder. */
    public static final Map<String, List<String>> DEV_DATA = devData();

    /**
     * What to train and where.
     *
     * @param maxExamples use a seeded sample of at most this many training examples per task (0: all), for smoke runs
     * @param command     the command line that started the run, for the manifest and model card
     * @param teacherTargets {@link TeacherTargets} caches to distil from as well, each a task of its own (empty: gold data
     *                       only)
     * @param distillationWeight multiplies every distillation loss
     */
    public record Settings(Path datasets, Path outputDir, Path checkpointDir, String version, StudentHyperParameters hyperParameters,
                           Duration timeBudget, int maxExamples, String command, List<Path> teacherTargets,
                           float distillationWeight) {
        public Settings {
            teacherTargets = List.copyOf(teacherTargets);
        }

        Settings with(StudentHyperParameters hp) {
            return new Settings(datasets, outputDir, checkpointDir, version, hp, timeBudget, maxExamples, command, teacherTargets,
                    distillationWeight);
        }
    }

    private StudentTraining() {
    }

    private static Map<String, List<String>> trainingData() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put(TaggingHead.SEGMENTATION.prefix(), List.of("msra_ner/train.wordtag.txt"));
        files.put(TaggingHead.POS.prefix(), List.of("ud_chinese_pos/train.conll"));
        files.put(TaggingHead.NER.prefix(), List.of("msra_ner/train.bio"));
        files.put(StudentNetwork.SENTIMENT, SentimentCorpus.SHARED_CORPORA.stream().map(c -> c + "/train.tsv").toList());
        files.put(StudentNetwork.SIMILARITY, List.of("bq_corpus/train.tsv", "atec/train.tsv", "chinese_stsb/train.tsv"));
        return Collections.unmodifiableMap(files);
    }

    private static Map<String, List<String>> devData() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put(TaggingHead.SEGMENTATION.prefix(), List.of("msra_ner/dev.wordtag.txt"));
        files.put(TaggingHead.POS.prefix(), List.of("ud_chinese_pos/dev.conll"));
        files.put(TaggingHead.NER.prefix(), List.of("msra_ner/dev.bio"));
        files.put(StudentNetwork.SENTIMENT, List.of(SentimentCorpus.SHARED_CORPORA.get(0) + "/dev.tsv"));
        files.put(StudentNetwork.SIMILARITY, List.of("bq_corpus/dev.tsv", "atec/dev.tsv"));
        return Collections.unmodifiableMap(files);
    }

    public static StudentTrainer.Outcome run(Settings settings) throws IOException {
        StudentHyperParameters hp = settings.hyperParameters();
        Path data = settings.datasets();
        StudentCorpora.Split split = sample(read(data, TRAINING_DATA, true), settings.maxExamples(), hp.seed()).split(hp.seed());
        StudentCorpora train = cut(split.train(), hp);
        StudentCorpora dev = read(data, DEV_DATA, false);
        List<TeacherTargets> caches = new ArrayList<>();
        try {
            for (Path cache : settings.teacherTargets()) {
                caches.add(TeacherTargets.open(cache));
            }
            Set<Integer> widths = caches.stream().map(c -> c.header().embeddingDimension()).filter(w -> w > 0)
                    .collect(Collectors.toSet());
            if (widths.size() > 1) {
                throw new IllegalArgumentException("The caches hold similarity teachers of different widths " + widths
                        + ": the student's embedding can follow one teacher only");
            }
            for (int teacherWidth : widths) {
                if (teacherWidth != hp.dimension()) {
                    LOG.info("The student's embedding takes the similarity teacher's width, {}, to be pulled onto its embeddings",
                            teacherWidth);
                    settings = settings.with(hp.withDimension(teacherWidth));
                }
            }
            List<DistillationSet> distillations = new ArrayList<>();
            for (TeacherTargets cache : caches) {
                distillations.add(DistillationSet.of(cache, settings.distillationWeight(), split.validation(), hp.maxLength()));
            }
            return train(settings, split, train, dev, distillations);
        } finally {
            for (TeacherTargets cache : caches) {
                cache.close();
            }
        }
    }

    private static StudentTrainer.Outcome train(Settings settings, StudentCorpora.Split split, StudentCorpora train, StudentCorpora dev,
                                                List<DistillationSet> distillations) throws IOException {
        StudentHyperParameters hp = settings.hyperParameters();
        List<int[]> distilled = distillations.stream()
                .flatMap(d -> d.texts().stream().map(i -> d.targets().codePoints(i))).toList();
        CharVocabulary vocabulary = train.vocabulary(hp.minCharCount(), distilled);
        LOG.info("Student training {} (cut to {} characters), validation {}, dev {}; {} texts to distil from; vocabulary {}",
                split.train().sizes(), hp.maxLength(), split.validation().sizes(), dev.sizes(), distilled.size(), vocabulary.size());

        StudentTrainer.Outcome outcome = new StudentTrainer(hp, vocabulary, new FineTuningCheckpoint(settings.checkpointDir()),
                settings.timeBudget()).train(train, split.validation(), dev, distillations);
        if (!outcome.finished()) {
            return outcome;
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("version", settings.version());
        manifest.put("validationMetrics", outcome.validation());
        manifest.put("devMetrics", outcome.dev());
        manifest.put("similarityThreshold", outcome.validation().get(StudentEvaluation.SIMILARITY_THRESHOLD));
        manifest.put("similarityThresholdChosenOn", "validation (carved from the similarity training pairs)");
        manifest.put("data", Map.of("train", TRAINING_DATA, "dev", DEV_DATA, "trainingExamples", split.train().sizes(),
                "validationExamples", split.validation().sizes()));
        if (!distillations.isEmpty()) {
            List<Map<String, Object>> sets = new ArrayList<>();
            for (int i = 0; i < distillations.size(); i++) {
                DistillationSet d = distillations.get(i);
                sets.add(Map.of("teacherTargets", settings.teacherTargets().get(i).toString(), "teachers",
                        d.targets().header().teachers(), "texts", d.texts().size(), "weight", d.weight()));
            }
            manifest.put("distillation", sets);
        }
        manifest.put("command", settings.command());
        StudentExporter.export(outcome.weights(), hp, vocabulary, manifest,
                modelCard(settings, outcome, split, dev, vocabulary, distillations), settings.outputDir());
        writeSpread(settings.outputDir(), split.train());
        if (OpenDomainThreshold.available(settings.datasets())) {
            OpenDomainThreshold.Result threshold = StudentThreshold.write(settings.datasets(), settings.outputDir());
            LOG.info("Similarity threshold {} chosen on half of lcqmc dev ({}); the other half {}", String.format(Locale.ROOT,
                    "%.4f", threshold.threshold()), String.format(Locale.ROOT, "%.4f", threshold.validationAccuracy()),
                    String.format(Locale.ROOT, "%.4f", threshold.heldOutAccuracy()));
        }
        if (split.train().sentiment().stream().map(LabeledText::label).distinct().count() == 2) { // a smoke run may lack one
            StudentSentimentNgrams.Result ngrams = StudentSentimentNgrams.write(settings.datasets(), settings.outputDir(),
                    SentimentNgramsTrainer.Settings.defaults());
            LOG.info("Sentiment n-grams trained; validation accuracy {} with them, {} without", String.format(Locale.ROOT, "%.4f",
                    ngrams.validation().served()), String.format(Locale.ROOT, "%.4f", ngrams.validation().network()));
        }
        return outcome;
    }

    /**
     * Measures the spread of the embeddings of the student in {@code artifact} on the training texts it was trained on
     * (the split its manifest's seed carves from {@code datasets}) and writes it into its manifest, as training does
     * at the end: for artifacts made before training measured it.
     */
    public static EmbeddingSpread writeSpread(Path datasets, Path artifact) throws IOException {
        return writeSpread(artifact, split(datasets, artifact).train());
    }

    /** The training and validation examples of the student in {@code artifact}: the split its manifest's seed carves. */
    public static StudentCorpora.Split split(Path datasets, Path artifact) throws IOException {
        long seed = new ObjectMapper().readTree(artifact.resolve(ModelArtifact.MANIFEST).toFile())
                .path("hyperParameters").path("seed").asLong(StudentHyperParameters.defaults().seed());
        return read(datasets, TRAINING_DATA, true).split(seed);
    }

    /** The dev examples every student is measured on. */
    public static StudentCorpora dev(Path datasets) {
        return read(datasets, DEV_DATA, false);
    }

    private static EmbeddingSpread writeSpread(Path artifact, StudentCorpora train) throws IOException {
        List<String> sample = StudentSpread.sample(train);
        EmbeddingSpread spread = StudentSpread.write(artifact, sample);
        LOG.info("Wrote the spread of {} training texts' embeddings into the manifest (mean norm {}, largest variances {}): "
                + "it shapes the similarity index's hyperplanes", sample.size(), String.format(Locale.ROOT, "%.3f",
                norm(spread.mean())), Arrays.toString(Arrays.copyOf(spread.variances(), Math.min(4, spread.variances().length))));
        return spread;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** Every task's examples from the files of {@code files} ({@link #TRAINING_DATA} or {@link #DEV_DATA}). */
    static StudentCorpora read(Path data, Map<String, List<String>> files, boolean training) {
        Map<TaggingHead, List<TaggedSequence>> tagging = new EnumMap<>(TaggingHead.class);
        for (TaggingHead head : TaggingHead.values()) {
            List<TaggedSequence> sequences = new ArrayList<>();
            files.get(head.prefix()).forEach(file -> sequences.addAll(StudentTasks.of(head).read(data.resolve(file))));
            tagging.put(head, sequences);
        }
        List<LabeledText> sentiment;
        if (training) { // mixed as the sentiment model is: no other corpus's dev text comes in
            Map<String, List<LabeledText>> trainSplits = new LinkedHashMap<>();
            Map<String, List<LabeledText>> devSplits = new LinkedHashMap<>();
            for (String corpus : SentimentCorpus.SHARED_CORPORA) {
                trainSplits.put(corpus, SentimentCorpus.read(data, corpus, "train"));
                devSplits.put(corpus, SentimentCorpus.read(data, corpus, "dev"));
            }
            sentiment = SentimentMix.of(trainSplits, devSplits).texts();
        } else {
            sentiment = new ArrayList<>();
            for (String file : files.get(StudentNetwork.SENTIMENT)) {
                sentiment.addAll(SentimentCorpus.read(Path.of(file).getParent().toString(), data.resolve(file)));
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (String file : files.get(StudentNetwork.SIMILARITY)) {
            Path path = Path.of(file);
            String split = path.getFileName().toString().replace(".tsv", "");
            pairs.addAll(SentencePairs.read(data, path.getParent().toString(), split).pairs());
        }
        return new StudentCorpora(tagging, sentiment, pairs);
    }

    /** At most {@code max} examples per task, a seeded sample (0: all). */
    static StudentCorpora sample(StudentCorpora corpora, int max, long seed) {
        if (max <= 0) {
            return corpora;
        }
        Map<TaggingHead, List<TaggedSequence>> tagging = new EnumMap<>(TaggingHead.class);
        corpora.tagging().forEach((head, sequences) -> tagging.put(head, sample(sequences, max, seed)));
        return new StudentCorpora(tagging, sample(corpora.sentiment(), max, seed), sample(corpora.similarity(), max, seed));
    }

    private static <T> List<T> sample(List<T> examples, int max, long seed) {
        if (examples.size() <= max) {
            return examples;
        }
        List<T> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, max);
    }

    /**
     * The training data as the trainer takes it: tagged sentences split to fit the longest bucket, and sentiment texts
     * longer than {@link StudentHyperParameters#maxTextLength} cut at sentence ends into pieces, each with its text's
     * label, as serving scores a long text by its pieces (a cut after the first piece would train on the opening only).
     */
    static StudentCorpora cut(StudentCorpora corpora, StudentHyperParameters hp) {
        Map<TaggingHead, List<TaggedSequence>> tagging = new EnumMap<>(TaggingHead.class);
        corpora.tagging().forEach((head, sequences) -> {
            List<TaggedSequence> pieces = new ArrayList<>();
            sequences.forEach(s -> pieces.addAll(TaggerTraining.splitToFit(StudentTasks.of(head), s, hp.maxLength())));
            tagging.put(head, pieces);
        });
        List<LabeledText> sentiment = new ArrayList<>();
        corpora.sentiment().forEach(t -> UnlabelledPool.pieces(t.text(), hp.maxTextLength())
                .forEach(piece -> sentiment.add(new LabeledText(t.corpus(), piece, t.label()))));
        return new StudentCorpora(tagging, sentiment, corpora.similarity());
    }

    private static String modelCard(Settings settings, StudentTrainer.Outcome outcome, StudentCorpora.Split split,
                                    StudentCorpora dev, CharVocabulary vocabulary, List<DistillationSet> distillations) {
        StudentHyperParameters hp = settings.hyperParameters();
        StringBuilder card = new StringBuilder();
        card.append("# Model card: ").append(StudentExporter.MODEL_NAME).append(", version ").append(settings.version())
                .append("\n\nThe one-pass student: one DGCNN character encoder (character embeddings ").append(hp.charDim())
                .append(" + hashed bigram embeddings ").append(hp.bigramBuckets()).append(" × ").append(hp.bigramDim())
                .append(", residual gated dilated convolutions with dilations ").append(hp.dilations()).append(", kernel ")
                .append(hp.kernelSize()).append(") read once per text, with five heads: segmentation (BMES), part of speech "
                        + "(B-/I-UPOS) and NER (BIO PER/LOC/ORG) as linear-chain CRFs, sentiment (masked mean + max pooling, "
                        + "one logit) and similarity (the same pooling").append(hp.bagBuckets() > 0 ? " with the mean of a "
                        + hp.bagDim() + "-wide bag of characters and " + hp.bagBuckets() + " hashed bigrams" : "")
                .append(hp.similarityHidden() > 0 ? ", a " + hp.similarityHidden() + "-wide ReLU layer" : "")
                .append(", dense to ").append(hp.dimension()).append(", L2-normalised). ").append(outcome.parameters()).append(" parameters; ")
                .append(String.format(Locale.ROOT, "%,d", StudentNetwork.multiplyAddsPerCharacter(hp)))
                .append(" multiply-adds (about twice as many FLOPs) per character. Trained multi-task on the "
                        + "gold data").append(distillations.isEmpty() ? " only" : " and distilled from " + distillations.stream()
                        .map(d -> "the teachers " + d.targets().header().teachers() + " on " + d.texts().size() + " cached texts")
                        .collect(Collectors.joining(" and ")) + " (loss weight " + settings.distillationWeight() + ")")
                .append(" by Wenliu's Java trainer on TF-Java; one "
                        + "SavedModel call returns every head's output.\n\n## Data\n\n");
        TRAINING_DATA.forEach((task, files) -> card.append("- ").append(task).append(": ").append(files).append(", ")
                .append(split.train().sizes().get(task)).append(" training and ").append(split.validation().sizes().get(task))
                .append(" validation examples; dev ").append(DEV_DATA.get(task)).append(" (")
                .append(dev.sizes().get(task)).append(")\n"));
        card.append("\nValidation: a seeded 5% of each task's training data, held out by a hash of the text (a sentence "
                        + "segmentation and NER share is held out of both). Sentiment training mixes the four corpora as the "
                        + "sentiment model does (no other corpus's dev text). Vocabulary: ").append(vocabulary.size())
                .append(" ids, characters seen at least ").append(hp.minCharCount()).append(" times in all training texts. "
                        + "Licences: see each dataset's README.\n\n## Validation (chose epoch ").append(outcome.bestEpoch())
                .append(" by the mean of the five primary metrics)\n\n| metric | value |\n|---|---|\n");
        outcome.validation().forEach((k, v) -> card.append(String.format("| %s | %.4f |%n", k, v)));
        card.append("\n## Dev (scored once, with the chosen weights; chose nothing)\n\nPOS accuracy is per gold word, decoded within the "
                        + "gold words; similarity accuracy is at the threshold chosen on validation.\n\n| metric | value |\n|---|---|\n");
        outcome.dev().forEach((k, v) -> card.append(String.format("| %s | %.4f |%n", k, v)));
        card.append("\n## Training\n\nAdam, peak learning rate ").append(hp.peakRate()).append(" after ").append(hp.warmupShare() * 100)
                .append("% warm-up, linear decay over ").append(hp.epochs()).append(" epochs; batches of ").append(hp.batchSize())
                .append("; dropout ").append(hp.dropout()).append("; each step one task's batch, tasks drawn in proportion to the "
                        + "square root of their training size (steps per epoch: ").append(outcome.stepsPerEpoch())
                .append("). ").append(outcome.steps()).append(" steps, ").append(String.format("%.0f", outcome.tokensPerSecond()))
                .append(" padded tokens/s. Mean training loss per epoch and task: ").append(outcome.taskLosses())
                .append("\n\n```\n").append(hp).append("\n```\n\n## How it was produced\n\n```\n").append(settings.command())
                .append("\n```\n\nTrained on ").append(LocalDate.now()).append(" on a 2-core CPU machine (no GPU).\n");
        return card.toString();
    }
}
