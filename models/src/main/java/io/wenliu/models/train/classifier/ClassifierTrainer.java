package io.wenliu.models.train.classifier;

import io.wenliu.models.sentiment.SentimentChunker;
import io.wenliu.models.sentiment.SentimentClassifier;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.models.train.AdamOptimizer;
import io.wenliu.models.train.ParameterAverages;
import io.wenliu.models.train.TrainableParameters;
import io.wenliu.models.train.WarmStart;
import io.wenliu.models.vocab.CharVocabulary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains a binary {@link ClassifierNetwork} with mini-batch Adam on the TF-Java graph API.
 *
 * <p>Workflow: every training document is cut into chunks by {@link SentimentChunker} (each chunk
 * keeps the document's label); {@link #train} builds one graph holding the variables, the loss and
 * Adam step (lengths are dynamic: one step op serves every batch) and a dropout-free inference
 * branch. Each epoch shuffles the chunks, sorts them by length within pools of 64 batches (little
 * padding, still random) and takes one Adam step per batch. {@code evaluationsPerEpoch} times per
 * epoch it classifies the dev documents exactly as serving does ({@link SentimentClassifier}) and
 * keeps the weights of the best accuracy; after an evaluation without improvement the learning
 * rate halves, and after {@code patience} such evaluations, after {@code maxEpochs} or when the time
 * budget is spent, training stops. A fixed seed makes runs repeatable on one machine.
 *
 * <p>Not thread-safe; one instance per run. Owns and closes its graph and session.
 */
public final class ClassifierTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);
    private static final int POOL_BATCHES = 64;
    private static final int EVAL_BATCH = 256;

    private final ClassifierHyperParameters hp;
    private final CharVocabulary vocabulary;
    private final Duration timeBudget;
    private final WarmStart warmStart;

    public ClassifierTrainer(ClassifierHyperParameters hp, CharVocabulary vocabulary, Duration timeBudget) {
        this(hp, vocabulary, timeBudget, null);
    }

    /**
     * @param vocabulary with a warm start, one that {@link WarmStart#extend extends} the source's
     * @param warmStart  trained embeddings and blocks to start from, or null to start from random weights
     */
    public ClassifierTrainer(ClassifierHyperParameters hp, CharVocabulary vocabulary, Duration timeBudget,
                             WarmStart warmStart) {
        this.hp = hp;
        this.vocabulary = vocabulary;
        this.timeBudget = timeBudget;
        this.warmStart = warmStart;
    }

    private record Example(int[] ids, float label) {
    }

    /** Trains on {@code train}, choosing the checkpoint by accuracy on {@code dev}. */
    public TrainedClassifier train(List<LabeledText> train, List<LabeledText> dev) throws Exception {
        long deadline = System.nanoTime() + timeBudget.toNanos();
        SentimentChunker chunker = new SentimentChunker(hp.maxLength());
        List<Example> examples = new ArrayList<>();
        for (LabeledText t : train) {
            for (int[] chunk : chunker.chunk(t.text())) {
                int[] ids = new int[chunk.length];
                for (int i = 0; i < chunk.length; i++) {
                    ids[i] = vocabulary.id(chunk[i]);
                }
                examples.add(new Example(ids, t.label()));
            }
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters params = new TrainableParameters(tf, hp.seed(), Map.of(), warmStart);
            ClassifierNetwork network = new ClassifierNetwork(tf, hp, vocabulary.size(), params);
            AdamOptimizer adam = new AdamOptimizer(graph, tf, params.variables().values());
            Placeholder<TInt32> ids = tf.withName("train_token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Placeholder<TFloat32> labels = tf.withName("train_labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TFloat32> loss = network.loss(network.logits(ids, true), labels);
            Op step = adam.minimize(loss, learningRate, "gradients");
            Placeholder<TInt32> evalIds = tf.withName("eval_token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            ParameterAverages averages = hp.averageDecay() > 0 ? new ParameterAverages(tf, params, hp.averageDecay()) : null;
            Operand<TFloat32> evalLogits = (averages == null ? network
                    : new ClassifierNetwork(tf, hp, vocabulary.size(), averages)).logits(evalIds, false);
            session.initialize();
            SentimentClassifier devClassifier = new SentimentClassifier(vocabulary, chunker,
                    sessionLogits(session, evalIds, evalLogits), EVAL_BATCH);
            LOG.info("Training on {} chunks of {} documents; {} parameters; dev {} documents",
                    examples.size(), train.size(), params.size(), dev.size());

            Random random = new Random(hp.seed());
            float lr = hp.learningRate();
            double best = Double.NEGATIVE_INFINITY;
            double bestEpoch = 0;
            Map<String, TrainedClassifier.Tensor> bestWeights = null;
            List<TrainedClassifier.Evaluation> history = new ArrayList<>();
            int stale = 0;
            boolean stop = false;
            for (int epoch = 1; epoch <= hp.maxEpochs() && !stop; epoch++) {
                List<List<Example>> batches = shuffledBatches(examples, random);
                int every = (int) Math.ceil(batches.size() / (double) hp.evaluationsPerEpoch());
                double lossSum = 0;
                long chunks = 0;
                long start = System.nanoTime();
                try (ProgressBar bar = progressBar("epoch " + epoch + "/" + hp.maxEpochs(), batches.size())) {
                    for (int b = 0; b < batches.size() && !stop; b++) {
                        List<Example> batch = batches.get(b);
                        lossSum += step(session, ids, labels, learningRate, loss, step, batch, lr) * batch.size();
                        if (averages != null) {
                            averages.update(session);
                        }
                        chunks += batch.size();
                        bar.step();
                        bar.setExtraMessage(String.format(" loss %.4f", lossSum / chunks));
                        boolean outOfTime = System.nanoTime() > deadline;
                        if ((b + 1) % every != 0 && b + 1 != batches.size() && !outOfTime) {
                            continue;
                        }
                        double at = epoch - 1 + (b + 1) / (double) batches.size();
                        double accuracy = accuracy(dev, devClassifier.classify(dev.stream().map(LabeledText::text).toList()));
                        double seconds = (System.nanoTime() - start) / 1e9;
                        history.add(new TrainedClassifier.Evaluation(at, lossSum / chunks, chunks / seconds, lr, accuracy));
                        LOG.info("epoch {}: train loss {} ({} chunks/s), dev accuracy {}", String.format("%.2f", at),
                                String.format("%.4f", lossSum / chunks), String.format("%.0f", chunks / seconds),
                                String.format("%.4f", accuracy));
                        if (accuracy > best) {
                            best = accuracy;
                            bestEpoch = at;
                            bestWeights = averages == null ? params.snapshot(session, TrainedClassifier.Tensor::new)
                                    : averages.snapshot(session, TrainedClassifier.Tensor::new);
                            stale = 0;
                        } else {
                            lr /= 2;
                            if (++stale >= hp.patience()) {
                                LOG.info("No better dev accuracy for {} evaluations: stopping", stale);
                                stop = true;
                            }
                        }
                        if (outOfTime) {
                            LOG.info("Time budget of {} spent: stopping at epoch {}", timeBudget, String.format("%.2f", at));
                            stop = true;
                        }
                    }
                }
            }
            return new TrainedClassifier(bestWeights, vocabulary, hp, history, best, bestEpoch);
        }
    }

    /** A {@link SentimentClassifier} network call on a session's dropout-free branch. */
    static ChunkLogitsOnSession sessionLogits(Session session, Operand<TInt32> ids, Operand<TFloat32> logits) {
        return new ChunkLogitsOnSession(session, ids, logits);
    }

    /** Fraction of documents whose predicted label equals the gold one. */
    public static double accuracy(List<LabeledText> gold, List<SentimentPrediction> predicted) {
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (predicted.get(i).label() == gold.get(i).label()) {
                correct++;
            }
        }
        return gold.isEmpty() ? Double.NaN : correct / (double) gold.size();
    }

    private float step(Session session, Placeholder<TInt32> ids, Placeholder<TFloat32> labels,
                       Placeholder<TFloat32> learningRate, Operand<TFloat32> loss, Op step, List<Example> batch, float lr) {
        int b = batch.size();
        int length = batch.stream().mapToInt(e -> e.ids().length).max().orElse(1);
        int[] flat = new int[b * length];
        float[] gold = new float[b];
        for (int i = 0; i < b; i++) {
            Example e = batch.get(i);
            System.arraycopy(e.ids(), 0, flat, i * length, e.ids().length);
            gold[i] = e.label();
        }
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(b, length), DataBuffers.of(flat, true, false));
             TFloat32 goldT = TFloat32.tensorOf(Shape.of(b), DataBuffers.of(gold, true, false));
             TFloat32 lrT = TFloat32.scalarOf(lr);
             Result result = session.runner().feed(ids, idsT).feed(labels, goldT).feed(learningRate, lrT)
                     .addTarget(step).fetch(loss).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    private List<List<Example>> shuffledBatches(List<Example> examples, Random random) {
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, random);
        List<List<Example>> batches = new ArrayList<>();
        int pool = hp.batchSize() * POOL_BATCHES;
        for (int from = 0; from < shuffled.size(); from += pool) {
            List<Example> sorted = new ArrayList<>(shuffled.subList(from, Math.min(shuffled.size(), from + pool)));
            sorted.sort(Comparator.comparingInt(e -> e.ids().length));
            for (int b = 0; b < sorted.size(); b += hp.batchSize()) {
                batches.add(sorted.subList(b, Math.min(sorted.size(), b + hp.batchSize())));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    private static ProgressBar progressBar(String task, int steps) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).continuousUpdate().build();
    }
}
