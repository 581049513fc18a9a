package io.wenliu.models.train.encoder;

import io.wenliu.models.similarity.PairMetrics;
import io.wenliu.models.similarity.SentencePairs;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.similarity.SentenceTokenizer;
import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.models.train.AdamOptimizer;
import io.wenliu.models.train.TrainableParameters;
import io.wenliu.models.vocab.CharVocabulary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * Trains the sentence encoder ({@link EncoderNetwork}) with mini-batch Adam on the TF-Java graph API.
 *
 * <p>Workflow: {@link #train} builds one graph with the network's variables, the training loss of a
 * batch of pairs (AM-Softmax over in-batch candidates + CoSENT) and its Adam step, and a dropout-free
 * encoding branch; then it shuffles the pairs each epoch and takes one step per batch, with a
 * learning rate decaying linearly to a tenth over the time budget. Every {@code evaluateEvery} steps
 * and at the end it scores the selection sets (accuracy at the best threshold on the first
 * {@code selection} pairs, Spearman on graded pairs) and keeps the best weights. A fixed seed makes
 * runs repeatable on one machine.
 *
 * <p>Not thread-safe; one instance per run. Owns and closes its graph and session.
 */
public final class EncoderTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(EncoderTrainer.class);

    private final EncoderHyperParameters hp;
    private final CharVocabulary vocabulary;
    private final SentenceTokenizer tokenizer;
    private final Duration timeBudget;
    private final int evaluateEvery;

    public EncoderTrainer(EncoderHyperParameters hp, CharVocabulary vocabulary, Duration timeBudget, int evaluateEvery) {
        this.hp = hp;
        this.vocabulary = vocabulary;
        this.tokenizer = new SentenceTokenizer(vocabulary, hp.maxLength());
        this.timeBudget = timeBudget;
        this.evaluateEvery = evaluateEvery;
    }

    /**
     * @param train     training pairs (paraphrase pairs anchor AM-Softmax; all pairs are ranked by CoSENT)
     * @param selection pairs that choose the weights to keep: binary sets score accuracy at their best
     *                  threshold, graded sets Spearman; the kept weights maximise the mean
     */
    public TrainedEncoder train(List<Pair> train, List<SentencePairs> selection) {
        long start = System.nanoTime();
        long deadline = start + timeBudget.toNanos();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters params = new TrainableParameters(tf, hp.seed());
            EncoderNetwork network = new EncoderNetwork(tf, hp, vocabulary.size(), params);
            Placeholder<TInt32> first = tf.withName("first_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Placeholder<TInt32> second = tf.withName("second_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Placeholder<TFloat32> paraphrase = tf.withName("paraphrase").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> ranked = tf.withName("ranked").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
            Placeholder<TFloat32> learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TFloat32> loss = network.loss(network.encode(first, true), network.encode(second, true), paraphrase, ranked);
            Op step = new AdamOptimizer(graph, tf, params.variables().values()).minimize(loss, learningRate, "gradients");
            Placeholder<TInt32> evalIds = tf.withName("eval_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Operand<TFloat32> evalEmbeddings = network.encode(evalIds, false);
            session.initialize();
            LOG.info("Graph built; {} parameters; {} training pairs; budget {}", params.size(), train.size(), timeBudget);

            Random random = new Random(hp.seed());
            List<TrainedEncoder.Checkpoint> history = new ArrayList<>();
            Map<String, TrainedEncoder.Tensor> bestWeights = null;
            Map<String, Double> bestMetrics = Map.of();
            double best = Double.NEGATIVE_INFINITY;
            int steps = 0;
            double lossSum = 0;
            int lossCount = 0;
            long pairsSeen = 0;
            long windowStart = System.nanoTime();
            long windowPairs = 0;
            boolean done = false;
            for (int epoch = 1; epoch <= hp.maxEpochs() && !done; epoch++) {
                List<Pair> shuffled = new ArrayList<>(train);
                Collections.shuffle(shuffled, random);
                for (int from = 0; from + 2 <= shuffled.size(); from += hp.batchSize()) {
                    List<Pair> batch = shuffled.subList(from, Math.min(shuffled.size(), from + hp.batchSize()));
                    double progress = Math.min(1.0, (System.nanoTime() - start) / (double) timeBudget.toNanos());
                    float lr = (float) (hp.learningRate() * (1.0 - 0.9 * progress));
                    lossSum += step(session, first, second, paraphrase, ranked, learningRate, step, loss, batch, lr);
                    lossCount++;
                    steps++;
                    pairsSeen += batch.size();
                    windowPairs += batch.size();
                    boolean outOfTime = System.nanoTime() > deadline;
                    if (steps % evaluateEvery == 0 || outOfTime) {
                        double seconds = (System.nanoTime() - windowStart) / 1e9;
                        Map<String, Double> metrics = evaluate(session, evalIds, evalEmbeddings, selection);
                        double score = metrics.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                        history.add(new TrainedEncoder.Checkpoint(steps, pairsSeen, lossSum / lossCount,
                                windowPairs / seconds, metrics));
                        LOG.info("epoch {} step {}: loss {} ({} pairs/s, lr {}), selection {}", epoch, steps,
                                String.format("%.4f", lossSum / lossCount), String.format("%.0f", windowPairs / seconds),
                                String.format("%.2e", lr), metrics);
                        if (score > best) {
                            best = score;
                            bestWeights = params.snapshot(session, TrainedEncoder.Tensor::new);
                            bestMetrics = metrics;
                        }
                        lossSum = 0;
                        lossCount = 0;
                        windowPairs = 0;
                        windowStart = System.nanoTime();
                    }
                    if (outOfTime) {
                        LOG.info("Time budget of {} spent after {} steps", timeBudget, steps);
                        done = true;
                        break;
                    }
                }
            }
            if (lossCount > 0) { // the last epoch ended between evaluations
                Map<String, Double> metrics = evaluate(session, evalIds, evalEmbeddings, selection);
                double score = metrics.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                history.add(new TrainedEncoder.Checkpoint(steps, pairsSeen, lossSum / lossCount, 0, metrics));
                if (score > best) {
                    bestWeights = params.snapshot(session, TrainedEncoder.Tensor::new);
                    bestMetrics = metrics;
                }
            }
            return new TrainedEncoder(bestWeights, vocabulary, hp, history, bestMetrics);
        }
    }

    private float step(Session session, Placeholder<TInt32> first, Placeholder<TInt32> second,
                       Placeholder<TFloat32> paraphrase, Placeholder<TFloat32> ranked, Placeholder<TFloat32> learningRate,
                       Op step, Operand<TFloat32> loss, List<Pair> batch, float lr) {
        int b = batch.size();
        List<String> firsts = new ArrayList<>(b);
        List<String> seconds = new ArrayList<>(b);
        float[] isParaphrase = new float[b];
        float[] below = new float[b * b];
        for (int i = 0; i < b; i++) {
            Pair pair = batch.get(i);
            firsts.add(pair.first());
            seconds.add(pair.second());
            isParaphrase[i] = pair.paraphrase() ? 1f : 0f;
            for (int j = 0; j < b; j++) {
                below[i * b + j] = pair.grade() < batch.get(j).grade() ? 1f : 0f;
            }
        }
        int[] firstWidth = new int[1];
        int[] secondWidth = new int[1];
        int[] firstIds = tokenizer.paddedIds(firsts, firstWidth);
        int[] secondIds = tokenizer.paddedIds(seconds, secondWidth);
        try (TInt32 f = TInt32.tensorOf(Shape.of(b, firstWidth[0]), DataBuffers.of(firstIds, true, false));
             TInt32 s = TInt32.tensorOf(Shape.of(b, secondWidth[0]), DataBuffers.of(secondIds, true, false));
             TFloat32 p = TFloat32.tensorOf(Shape.of(b), DataBuffers.of(isParaphrase, true, false));
             TFloat32 r = TFloat32.tensorOf(Shape.of(b, b), DataBuffers.of(below, true, false));
             TFloat32 rate = TFloat32.scalarOf(lr);
             Result result = session.runner().feed(first, f).feed(second, s).feed(paraphrase, p).feed(ranked, r)
                     .feed(learningRate, rate).addTarget(step).fetch(loss).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    private Map<String, Double> evaluate(Session session, Placeholder<TInt32> ids, Operand<TFloat32> embeddings,
                                         List<SentencePairs> selection) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (SentencePairs set : selection) {
            float[] cosines = cosines(session, ids, embeddings, set);
            boolean graded = set.pairs().stream().anyMatch(p -> p.grade() != 0f && p.grade() != SentencePairs.SAME);
            if (graded) {
                metrics.put(set.name() + " spearman", PairMetrics.spearman(cosines, set.grades()));
            } else {
                metrics.put(set.name() + " accuracy", PairMetrics.bestThreshold(cosines, set.labels()).accuracy());
            }
        }
        return metrics;
    }

    float[] cosines(Session session, Placeholder<TInt32> ids, Operand<TFloat32> embeddings, SentencePairs set) {
        List<String> firsts = set.pairs().stream().map(Pair::first).toList();
        List<String> seconds = set.pairs().stream().map(Pair::second).toList();
        float[][] a = SessionSentenceEncoder.encode(session, ids, embeddings, tokenizer, hp.dimension(), firsts);
        float[][] b = SessionSentenceEncoder.encode(session, ids, embeddings, tokenizer, hp.dimension(), seconds);
        float[] cosines = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            cosines[i] = UnitVectors.dot(a[i], b[i]);
        }
        return cosines;
    }
}
