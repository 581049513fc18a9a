package io.wenliu.models.train.student;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.graph.CrfHead;
import io.wenliu.models.graph.PrefixedParameters;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.similarity.SentenceTokenizer;
import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.AdamOptimizer;
import io.wenliu.models.train.CrfTargets;
import io.wenliu.models.train.TrainableParameters;
import io.wenliu.models.train.bert.FineTuningCheckpoint;
import io.wenliu.models.train.bert.FineTuningLoop;
import io.wenliu.models.train.classifier.ClassifierNetwork;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.vocab.CharVocabulary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains the {@link StudentNetwork} on every task at once, from gold labels and, optionally, the teachers' answers.
 *
 * <p>Workflow: {@link #train} builds one graph holding the network's variables, one Adam step per task
 * sub-graph (per tagging head and bucket length, since the CRF's forward algorithm is unrolled; one for
 * sentiment; one for similarity pairs), each updating the body and that task's head only, and the serving
 * branch ({@link StudentSignature}) that validation reads. The {@link FineTuningLoop} then runs epochs of
 * steps, each on one task's batch in the order of a {@link TaskInterleaving} (tasks drawn in proportion to
 * the square root of their training size), under warm-up then linear decay, with a progress bar,
 * checkpoints and resumption; the mean of the five tasks' primary validation metrics chooses the epoch.
 * Once the run has finished, every task's dev split is scored with the chosen weights.
 *
 * <p>Distillation ({@link #train(StudentCorpora, StudentCorpora, StudentCorpora, List)}) adds one more task per cache to
 * the interleaving: steps on cached teacher targets, whose CRF losses take the teachers' marginals and expected transition
 * counts as {@link CrfTargets} where gold steps take one-hots, with the sentiment teacher's probability and the similarity
 * teacher's embedding beside them. Not thread-safe; one instance per run.
 */
public final class StudentTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(StudentTrainer.class);

    private final StudentHyperParameters hp;
    private final CharVocabulary vocabulary;
    private final FineTuningCheckpoint checkpoint;
    private final Duration timeBudget;
    private final SentenceTokenizer tokenizer;

    public StudentTrainer(StudentHyperParameters hp, CharVocabulary vocabulary, FineTuningCheckpoint checkpoint,
                          Duration timeBudget) {
        this.hp = hp;
        this.vocabulary = vocabulary;
        this.checkpoint = checkpoint;
        this.timeBudget = timeBudget;
        this.tokenizer = new SentenceTokenizer(vocabulary, hp.maxTextLength());
    }

    /**
     * What a run produced.
     *
     * @param validation     the chosen epoch's validation metrics ({@link StudentEvaluation}), empty until an epoch ends
     * @param dev            the dev metrics of the chosen weights, empty until the run has finished
     * @param taskLosses     per task, the mean training loss of each epoch (or part of one) this call ran
     * @param stepsPerEpoch  per task, the steps it gets in an epoch
     */
    public record Outcome(Map<String, float[]> weights, Map<String, long[]> shapes, double validationScore,
                          Map<String, Double> validation, int bestEpoch, Map<String, Double> dev, boolean finished,
                          long steps, Map<String, List<Double>> taskLosses, Map<String, Integer> stepsPerEpoch,
                          double tokensPerSecond, long parameters) {
    }

    /** A batch as the loop sees it: with the epoch it belongs to, for the per-task losses. */
    private record Step(int epoch, StudentBatch batch) {
    }

    private record TaggingGraph(Placeholder<TInt32> ids, Placeholder<TFloat32> gold, Placeholder<TFloat32> goldTransitions,
                                Placeholder<TFloat32> batchSize, Operand<TFloat32> loss, Op step) {
    }

    private record SentimentGraph(Placeholder<TInt32> ids, Placeholder<TFloat32> labels, Operand<TFloat32> loss, Op step) {
    }

    /** One distillation step's graph for one padded length: every teacher's loss on the same texts. */
    private record DistillationGraph(Placeholder<TInt32> ids, Map<TaggingHead, Placeholder<TFloat32>> positions,
                                     Map<TaggingHead, Placeholder<TFloat32>> transitions, Placeholder<TFloat32> batchSize,
                                     Placeholder<TFloat32> sentimentLabels, Placeholder<TFloat32> teacherEmbeddings,
                                     Operand<TFloat32> loss, Op step) {
    }

    private record PairGraph(Placeholder<TInt32> first, Placeholder<TInt32> second, Placeholder<TFloat32> paraphrase,
                             Placeholder<TFloat32> ranked, Operand<TFloat32> loss, Op step) {
    }

    /**
     * Trains on {@code train} (tagged sentences at most {@link StudentHyperParameters#maxLength()} long), choosing
     * the epoch on {@code validation} (carved from the training data); once the run has finished, scores the
     * chosen weights on {@code dev}, which chose nothing.
     */
    public Outcome train(StudentCorpora train, StudentCorpora validation, StudentCorpora dev) {
        return train(train, validation, dev, List.of());
    }

    /** As {@link #train(StudentCorpora, StudentCorpora, StudentCorpora, List)} with one cache (or none, if empty). */
    public Outcome train(StudentCorpora train, StudentCorpora validation, StudentCorpora dev, DistillationSet distillation) {
        return train(train, validation, dev, distillation.isEmpty() ? List.of() : List.of(distillation));
    }

    /**
     * As {@link #train(StudentCorpora, StudentCorpora, StudentCorpora)}, with distillation steps besides the gold ones:
     * each on a batch of one cache's texts, learning every teacher of that cache at once (the CRF loss towards each
     * tagging teacher's marginals and expected transitions, the logistic loss towards the sentiment teacher's
     * probability, the similarity teacher's embeddings pulled onto), times its weight. Each cache is a task of its own
     * in the interleaving (say, all five teachers on a sample of every corpus, and the similarity teacher alone on every
     * question). Validation and dev stay gold.
     */
    public Outcome train(StudentCorpora train, StudentCorpora validation, StudentCorpora dev, List<DistillationSet> distillations) {
        train.tagging().forEach((head, sequences) -> sequences.forEach(s -> {
            if (s.length() == 0 || s.length() > hp.maxLength()) {
                throw new IllegalArgumentException(head.prefix() + " training sequences must have 1.." + hp.maxLength()
                        + " characters (cut them first), got " + s.length());
            }
        }));
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters params = new TrainableParameters(tf, hp.seed(), initialisation(), null);
            StudentNetwork network = new StudentNetwork(tf, hp, vocabulary.size(), params);
            AdamOptimizer adam = new AdamOptimizer(graph, tf, params.variables().values());
            Placeholder<TFloat32> rate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Map<TaggingHead, Map<Integer, TaggingGraph>> taggingGraphs = new EnumMap<>(TaggingHead.class);
            for (TaggingHead head : TaggingHead.values()) {
                Map<Integer, TaggingGraph> byLength = new LinkedHashMap<>();
                for (int length : hp.buckets()) {
                    byLength.put(length, taggingGraph(tf, network, adam, rate, params, head, length));
                }
                taggingGraphs.put(head, byLength);
            }
            SentimentGraph sentimentGraph = sentimentGraph(tf, network, adam, rate, params);
            PairGraph pairGraph = pairGraph(tf, network, adam, rate, params);
            List<Map<Integer, DistillationGraph>> distillationGraphs = new ArrayList<>();
            for (int set = 0; set < distillations.size(); set++) {
                Map<Integer, DistillationGraph> byLength = new LinkedHashMap<>();
                for (int length : hp.buckets()) {
                    byLength.put(length, distillationGraph(tf, network, adam, rate, params, set, distillations.get(set), length));
                }
                distillationGraphs.add(byLength);
            }
            StudentSignature.build(tf, network);
            FineTuningLoop loop = new FineTuningLoop(tf, params.variables(), schedule(hp, timeBudget), checkpoint);
            session.initialize();
            StudentScorer scorer = new StudentScorer(graph, session, vocabulary);
            LOG.info("Student graph built: {} parameters; training sizes {}", params.size(), train.sizes());

            TaskInterleaving<StudentBatch> interleaving = interleaving(train, distillations);
            LOG.info("Steps per epoch by task: {}", interleaving.stepsPerEpoch());
            Map<Integer, Map<String, double[]>> losses = new TreeMap<>();
            FineTuningLoop.Outcome run = loop.run(session, new FineTuningLoop.Task<Step>() {
                @Override
                public List<Step> batches(int epoch) {
                    return interleaving.epoch(epoch).stream().map(b -> new Step(epoch, b)).toList();
                }

                @Override
                public float step(Session s, Step step, float learningRate) {
                    StudentBatch batch = step.batch();
                    float loss;
                    if (batch instanceof StudentBatch.Tagging b) {
                        loss = taggingStep(s, taggingGraphs.get(b.head()).get(b.length()), rate, b, learningRate);
                    } else if (batch instanceof StudentBatch.Sentiment b) {
                        loss = sentimentStep(s, sentimentGraph, rate, b, learningRate);
                    } else if (batch instanceof StudentBatch.Distilled b) {
                        loss = distillationStep(s, distillationGraphs.get(b.set()).get(b.length()), rate, distillations.get(b.set()),
                                b, learningRate);
                    } else {
                        loss = pairStep(s, pairGraph, rate, (StudentBatch.Pairs) batch, learningRate);
                    }
                    double[] sum = losses.computeIfAbsent(step.epoch(), e -> new LinkedHashMap<>())
                            .computeIfAbsent(step.batch().task(), t -> new double[2]);
                    sum[0] += loss;
                    sum[1]++;
                    return loss;
                }

                @Override
                public long tokens(Step step) {
                    return step.batch().tokens();
                }

                @Override
                public Map<String, Double> validation(Session s) {
                    Map<String, Double> metrics = StudentEvaluation.validation(scorer, validation);
                    LOG.info("validation {}", metrics);
                    return metrics;
                }

                @Override
                public String primaryMetric() {
                    return StudentEvaluation.MEAN;
                }
            });
            Map<String, Double> devMetrics = run.finished()
                    ? StudentEvaluation.dev(scorer, dev, run.validation().get(StudentEvaluation.SIMILARITY_THRESHOLD).floatValue())
                    : Map.of();
            Map<String, List<Double>> taskLosses = new LinkedHashMap<>();
            losses.values().forEach(byTask -> byTask.forEach((task, sum) ->
                    taskLosses.computeIfAbsent(task, t -> new ArrayList<>()).add(sum[0] / sum[1])));
            return new Outcome(run.weights(), run.shapes(), run.validationScore(), run.validation(), run.bestEpoch(),
                    devMetrics, run.finished(), run.steps(), taskLosses, interleaving.stepsPerEpoch(), run.tokensPerSecond(),
                    params.size());
        }
    }

    private List<Variable<TFloat32>> trainedBy(TrainableParameters params, String task) {
        List<Variable<TFloat32>> variables = new ArrayList<>();
        params.variables().forEach((name, v) -> {
            if (StudentNetwork.serves(name, task)) {
                variables.add(v);
            }
        });
        return variables;
    }

    /**
     * Where the student's parameters start unlike {@link TrainableParameters}' defaults: as the single-task
     * taggers do (bigram embeddings Glorot-uniform, every CRF's transitions at zero).
     */
    private static Map<String, TrainableParameters.Init> initialisation() {
        Map<String, TrainableParameters.Init> exceptions = new HashMap<>();
        exceptions.put(CharacterEncoder.BIGRAM_EMBEDDINGS, TrainableParameters.Init.GLOROT_UNIFORM);
        exceptions.put(PrefixedParameters.name(StudentNetwork.SIMILARITY, StudentNetwork.CHARACTER_BAG),
                TrainableParameters.Init.SMALL_UNIFORM);
        exceptions.put(PrefixedParameters.name(StudentNetwork.SIMILARITY, StudentNetwork.BIGRAM_BAG),
                TrainableParameters.Init.SMALL_UNIFORM);
        for (TaggingHead head : TaggingHead.values()) {
            exceptions.put(PrefixedParameters.name(head.prefix(), CrfHead.TRANSITIONS), TrainableParameters.Init.ZEROS);
        }
        return exceptions;
    }

    /** The training loop's part of {@code hp}, with this time budget. */
    private static FineTuningLoop.Schedule schedule(StudentHyperParameters hp, Duration timeBudget) {
        return new FineTuningLoop.Schedule(hp.epochs(), hp.peakRate(), hp.warmupShare(), hp.checkpointEvery(), timeBudget);
    }

    private TaggingGraph taggingGraph(Ops tf, StudentNetwork network, AdamOptimizer adam, Placeholder<TFloat32> rate,
                                      TrainableParameters params, TaggingHead head, int length) {
        int k = head.labels().size();
        Ops scope = tf.withSubScope(head.prefix() + "_bucket" + length);
        Placeholder<TInt32> ids = scope.withName("token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, length)));
        Placeholder<TFloat32> gold = scope.withName("gold").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, length, k)));
        Placeholder<TFloat32> goldTransitions = scope.withName("gold_transitions").placeholder(TFloat32.class, Placeholder.shape(Shape.of(k, k)));
        Placeholder<TFloat32> batchSize = scope.withName("batch_size").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        StudentNetwork.Encoded encoded = network.encode(ids, true);
        Operand<TFloat32> loss = network.tagger(head).crf().loss(network.emissions(head, encoded), encoded.mask(), length,
                gold, goldTransitions, batchSize);
        Op step = adam.minimize(loss, rate, "gradients_" + head.prefix() + length, trainedBy(params, head.prefix()));
        return new TaggingGraph(ids, gold, goldTransitions, batchSize, loss, step);
    }

    private DistillationGraph distillationGraph(Ops tf, StudentNetwork network, AdamOptimizer adam, Placeholder<TFloat32> rate,
                                                TrainableParameters params, int set, DistillationSet distillation, int length) {
        TeacherTargets.Header teachers = distillation.targets().header();
        String task = StudentBatch.Distilled.task(set);
        Ops scope = tf.withSubScope(task + "_bucket" + length);
        Placeholder<TInt32> ids = scope.withName("token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, length)));
        Placeholder<TFloat32> batchSize = scope.withName("batch_size").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        StudentNetwork.Encoded encoded = network.encode(ids, true);
        List<Operand<TFloat32>> losses = new ArrayList<>();
        Set<String> tasks = new HashSet<>();
        Map<TaggingHead, Placeholder<TFloat32>> positions = new EnumMap<>(TaggingHead.class);
        Map<TaggingHead, Placeholder<TFloat32>> transitions = new EnumMap<>(TaggingHead.class);
        for (TaggingHead head : teachers.heads()) {
            int k = head.labels().size();
            positions.put(head, scope.withName(head.prefix() + "_marginals").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, length, k))));
            transitions.put(head, scope.withName(head.prefix() + "_transitions").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(k, k))));
            losses.add(network.tagger(head).crf().loss(network.emissions(head, encoded), encoded.mask(), length,
                    positions.get(head), transitions.get(head), batchSize));
            tasks.add(head.prefix());
        }
        Operand<TFloat32> pooled = network.pooled(encoded);
        Placeholder<TFloat32> sentimentLabels = null;
        if (teachers.sentiment()) {
            sentimentLabels = scope.withName("sentiment_probabilities").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            losses.add(ClassifierNetwork.logisticLoss(tf, network.sentimentLogit(pooled, true), sentimentLabels));
            tasks.add(StudentNetwork.SENTIMENT);
        }
        Placeholder<TFloat32> teacherEmbeddings = null;
        if (teachers.embeddingDimension() > 0) {
            if (teachers.embeddingDimension() != hp.dimension()) {
                throw new IllegalArgumentException("The student's embedding must be as wide as the similarity teacher's ("
                        + teachers.embeddingDimension() + "), got " + hp.dimension());
            }
            teacherEmbeddings = scope.withName("teacher_embeddings").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, hp.dimension())));
            losses.add(network.embeddingDistillationLoss(network.embedding(encoded, pooled, true), teacherEmbeddings));
            tasks.add(StudentNetwork.SIMILARITY);
        }
        Operand<TFloat32> loss = tf.math.mul(tf.constant(distillation.weight()), tf.math.addN(losses));
        List<Variable<TFloat32>> trained = new ArrayList<>();
        params.variables().forEach((name, v) -> {
            if (tasks.stream().anyMatch(head -> StudentNetwork.serves(name, head))) {
                trained.add(v);
            }
        });
        Op step = adam.minimize(loss, rate, "gradients_" + task + "_" + length, trained);
        return new DistillationGraph(ids, positions, transitions, batchSize, sentimentLabels, teacherEmbeddings, loss, step);
    }

    private SentimentGraph sentimentGraph(Ops tf, StudentNetwork network, AdamOptimizer adam, Placeholder<TFloat32> rate,
                                          TrainableParameters params) {
        Ops scope = tf.withSubScope(StudentNetwork.SENTIMENT + "_training");
        Placeholder<TInt32> ids = scope.withName("token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        Placeholder<TFloat32> labels = scope.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> logits = network.sentimentLogit(network.pooled(network.encode(ids, true)), true);
        Operand<TFloat32> loss = ClassifierNetwork.logisticLoss(tf, logits, labels);
        Op step = adam.minimize(loss, rate, "gradients_" + StudentNetwork.SENTIMENT, trainedBy(params, StudentNetwork.SENTIMENT));
        return new SentimentGraph(ids, labels, loss, step);
    }

    private PairGraph pairGraph(Ops tf, StudentNetwork network, AdamOptimizer adam, Placeholder<TFloat32> rate,
                                TrainableParameters params) {
        Ops scope = tf.withSubScope(StudentNetwork.SIMILARITY + "_training");
        Placeholder<TInt32> first = scope.withName("first_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        Placeholder<TInt32> second = scope.withName("second_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        Placeholder<TFloat32> paraphrase = scope.withName("paraphrase").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        Placeholder<TFloat32> ranked = scope.withName("ranked").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        Operand<TFloat32> loss = network.similarityLoss(embedding(network, first), embedding(network, second), paraphrase, ranked);
        Op step = adam.minimize(loss, rate, "gradients_" + StudentNetwork.SIMILARITY, trainedBy(params, StudentNetwork.SIMILARITY));
        return new PairGraph(first, second, paraphrase, ranked, loss, step);
    }

    private static Operand<TFloat32> embedding(StudentNetwork network, Operand<TInt32> ids) {
        StudentNetwork.Encoded encoded = network.encode(ids, true);
        return network.embedding(encoded, network.pooled(encoded), true);
    }

    /** Every task's batches, drawn in proportion to the square root of its size; each pass shuffled by the seed. */
    TaskInterleaving<StudentBatch> interleaving(StudentCorpora train, List<DistillationSet> distillations) {
        List<TaskInterleaving.Task<StudentBatch>> tasks = new ArrayList<>();
        for (int i = 0; i < distillations.size(); i++) {
            int set = i;
            DistillationSet distillation = distillations.get(set);
            String task = StudentBatch.Distilled.task(set);
            tasks.add(new TaskInterleaving.Task<>(task, distillation.texts().size(), pass -> batches(distillation.texts(),
                    distillation.targets()::length, hp.buckets(), random(task, pass),
                    (length, part) -> new StudentBatch.Distilled(set, length, part))));
        }
        for (TaggingHead head : TaggingHead.values()) {
            List<TaggedSequence> sequences = train.tagging().get(head);
            tasks.add(new TaskInterleaving.Task<>(head.prefix(), sequences.size(), pass -> batches(sequences,
                    TaggedSequence::length, hp.buckets(), random(head.prefix(), pass),
                    (length, part) -> new StudentBatch.Tagging(head, length, part))));
        }
        List<Integer> pooledBuckets = pooledBuckets();
        tasks.add(new TaskInterleaving.Task<>(StudentNetwork.SENTIMENT, train.sentiment().size(), pass -> batches(train.sentiment(),
                t -> tokenizer.ids(t.text()).length, pooledBuckets, random(StudentNetwork.SENTIMENT, pass), StudentBatch.Sentiment::new)));
        tasks.add(new TaskInterleaving.Task<>(StudentNetwork.SIMILARITY, train.similarity().size(), pass -> batches(train.similarity(),
                p -> Math.max(tokenizer.ids(p.first()).length, tokenizer.ids(p.second()).length), pooledBuckets,
                random(StudentNetwork.SIMILARITY, pass), StudentBatch.Pairs::new)));
        // a task without examples takes no steps (a run may distil only)
        return new TaskInterleaving<>(tasks.stream().filter(t -> t.examples() > 0).toList(), hp.seed());
    }

    private Random random(String task, int pass) {
        return new Random(Objects.hash(hp.seed(), task, pass));
    }

    /** The tagging buckets up to the longest pooled text, which ends the list. */
    private List<Integer> pooledBuckets() {
        List<Integer> buckets = new ArrayList<>(hp.buckets().stream().filter(b -> b < hp.maxTextLength()).toList());
        buckets.add(hp.maxTextLength());
        return buckets;
    }

    /** {@code items} shuffled, grouped by the smallest bucket that holds each, cut into batches, the batches shuffled. */
    private <T> List<StudentBatch> batches(List<T> items, ToIntFunction<T> length, List<Integer> buckets, Random random,
                                           BiFunction<Integer, List<T>, StudentBatch> batch) {
        Map<Integer, List<T>> byBucket = new LinkedHashMap<>();
        buckets.forEach(b -> byBucket.put(b, new ArrayList<>()));
        for (T item : items) {
            int n = length.applyAsInt(item);
            byBucket.get(buckets.stream().filter(b -> b >= n).findFirst().orElse(buckets.get(buckets.size() - 1))).add(item);
        }
        List<StudentBatch> batches = new ArrayList<>();
        byBucket.forEach((bucket, part) -> {
            Collections.shuffle(part, random);
            // at least two examples a batch where the bucket has them: the pair loss compares within a batch
            for (int from = 0; from < part.size(); from += hp.batchSize()) {
                int to = Math.min(part.size(), from + hp.batchSize());
                if (to - from == 1 && from > 0) {
                    break; // a lone leftover example waits for the next pass
                }
                batches.add(batch.apply(bucket, List.copyOf(part.subList(from, to))));
            }
        });
        Collections.shuffle(batches, random);
        return batches;
    }

    private float taggingStep(Session session, TaggingGraph graph, Placeholder<TFloat32> rate, StudentBatch.Tagging batch,
                              float learningRate) {
        int b = batch.sequences().size();
        int length = batch.length();
        int k = batch.head().labels().size();
        int[] ids = new int[b * length];
        for (int i = 0; i < b; i++) {
            TaggedSequence s = batch.sequences().get(i);
            for (int t = 0; t < s.length(); t++) {
                ids[i * length + t] = vocabulary.id(s.codePoints()[t]);
            }
        }
        CrfTargets gold = CrfTargets.gold(batch.sequences().stream().map(TaggedSequence::tags).toList(), length, k);
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(b, length), DataBuffers.of(ids, true, false));
             TFloat32 goldT = gold.positionsTensor();
             TFloat32 transT = gold.transitionsTensor();
             TFloat32 batchT = TFloat32.scalarOf(b);
             TFloat32 rateT = TFloat32.scalarOf(learningRate)) {
            return run(session.runner().feed(graph.ids(), idsT).feed(graph.gold(), goldT).feed(graph.goldTransitions(), transT)
                    .feed(graph.batchSize(), batchT).feed(rate, rateT).addTarget(graph.step()).fetch(graph.loss()));
        }
    }

    private float distillationStep(Session session, DistillationGraph graph, Placeholder<TFloat32> rate,
                                   DistillationSet distillation, StudentBatch.Distilled batch, float learningRate) {
        List<TeacherTargets.Text> texts = batch.texts().stream().map(distillation.targets()::get).toList();
        int b = texts.size();
        int length = batch.length();
        int[] ids = new int[b * length];
        for (int i = 0; i < b; i++) {
            int[] codePoints = texts.get(i).codePoints();
            for (int t = 0; t < codePoints.length; t++) {
                ids[i * length + t] = vocabulary.id(codePoints[t]); // the positions the teachers tagged
            }
        }
        List<TFloat32> fed = new ArrayList<>();
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(b, length), DataBuffers.of(ids, true, false));
             TFloat32 batchT = TFloat32.scalarOf(b);
             TFloat32 rateT = TFloat32.scalarOf(learningRate)) {
            Session.Runner runner = session.runner().feed(graph.ids(), idsT).feed(graph.batchSize(), batchT).feed(rate, rateT);
            graph.positions().forEach((head, placeholder) -> {
                CrfTargets targets = TeacherTargets.crfTargets(texts, head, length, head.labels().size());
                TFloat32 positions = targets.positionsTensor();
                TFloat32 transitions = targets.transitionsTensor();
                fed.add(positions);
                fed.add(transitions);
                runner.feed(placeholder, positions).feed(graph.transitions().get(head), transitions);
            });
            if (graph.sentimentLabels() != null) {
                float[] probabilities = new float[b];
                for (int i = 0; i < b; i++) {
                    probabilities[i] = (float) (1 / (1 + Math.exp(-texts.get(i).sentimentLogit())));
                }
                TFloat32 labels = TFloat32.tensorOf(Shape.of(b), DataBuffers.of(probabilities, true, false));
                fed.add(labels);
                runner.feed(graph.sentimentLabels(), labels);
            }
            if (graph.teacherEmbeddings() != null) {
                int d = hp.dimension();
                float[] embeddings = new float[b * d];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(texts.get(i).embedding(), 0, embeddings, i * d, d);
                }
                TFloat32 teacher = TFloat32.tensorOf(Shape.of(b, d), DataBuffers.of(embeddings, true, false));
                fed.add(teacher);
                runner.feed(graph.teacherEmbeddings(), teacher);
            }
            return run(runner.addTarget(graph.step()).fetch(graph.loss()));
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private float sentimentStep(Session session, SentimentGraph graph, Placeholder<TFloat32> rate, StudentBatch.Sentiment batch,
                                float learningRate) {
        List<LabeledText> texts = batch.texts();
        float[] labels = new float[texts.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = texts.get(i).label();
        }
        try (TInt32 idsT = padded(texts.stream().map(LabeledText::text).toList(), batch.length());
             TFloat32 labelsT = TFloat32.tensorOf(Shape.of(labels.length), DataBuffers.of(labels, true, false));
             TFloat32 rateT = TFloat32.scalarOf(learningRate)) {
            return run(session.runner().feed(graph.ids(), idsT).feed(graph.labels(), labelsT).feed(rate, rateT)
                    .addTarget(graph.step()).fetch(graph.loss()));
        }
    }

    private float pairStep(Session session, PairGraph graph, Placeholder<TFloat32> rate, StudentBatch.Pairs batch,
                           float learningRate) {
        List<Pair> pairs = batch.pairs();
        int b = pairs.size();
        float[] paraphrase = new float[b];
        float[] below = new float[b * b];
        for (int i = 0; i < b; i++) {
            paraphrase[i] = pairs.get(i).paraphrase() ? 1f : 0f;
            for (int j = 0; j < b; j++) {
                below[i * b + j] = pairs.get(i).grade() < pairs.get(j).grade() ? 1f : 0f;
            }
        }
        try (TInt32 first = padded(pairs.stream().map(Pair::first).toList(), batch.length());
             TInt32 second = padded(pairs.stream().map(Pair::second).toList(), batch.length());
             TFloat32 paraphraseT = TFloat32.tensorOf(Shape.of(b), DataBuffers.of(paraphrase, true, false));
             TFloat32 rankedT = TFloat32.tensorOf(Shape.of(b, b), DataBuffers.of(below, true, false));
             TFloat32 rateT = TFloat32.scalarOf(learningRate)) {
            return run(session.runner().feed(graph.first(), first).feed(graph.second(), second).feed(graph.paraphrase(), paraphraseT)
                    .feed(graph.ranked(), rankedT).feed(rate, rateT).addTarget(graph.step()).fetch(graph.loss()));
        }
    }

    /** The texts' ids (cut after maxTextLength), zero-padded to {@code length}. */
    private TInt32 padded(List<String> texts, int length) {
        int[] flat = new int[texts.size() * length];
        for (int i = 0; i < texts.size(); i++) {
            int[] ids = tokenizer.ids(texts.get(i));
            System.arraycopy(ids, 0, flat, i * length, Math.min(ids.length, length));
        }
        return TInt32.tensorOf(Shape.of(texts.size(), length), DataBuffers.of(flat, true, false));
    }

    private static float run(Session.Runner runner) {
        try (Result result = runner.run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }
}
