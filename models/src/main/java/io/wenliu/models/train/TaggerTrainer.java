package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * Trains a DGCNN-CRF character tagger with mini-batch Adam on the TF-Java graph API.
 *
 * <p>Workflow: {@link #train} builds one graph holding the network's variables, one CRF loss and
 * Adam step per bucket length (the forward algorithm is unrolled, so each padded length needs its
 * own sub-graph) and a dropout-free inference branch; then, per epoch, it shuffles length-bucketed
 * batches, takes one Adam step per batch, decodes the dev set with Viterbi and scores it. The
 * weights of the best epoch (or, when {@code averageDecay} is set, their moving averages, which are
 * then also what dev scores) are kept; training stops after {@code patience} epochs without
 * improvement (halving the learning rate at each), after {@code maxEpochs}, or when the time
 * budget is spent. A fixed seed makes runs repeatable on one machine.
 *
 * <p>Not thread-safe; one instance per run. Owns and closes its graph and session.
 */
public final class TaggerTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(TaggerTrainer.class);
    /**
     * Share of training sequences given without word positions, for a network that takes them, so that
     * it also tags text whose words are not known (finding them itself) rather than only given words.
     */
    static final double UNKNOWN_WORDS_SHARE = 0.1;

    private final TaggerHyperParameters hp;
    private final TaggerInput input;
    private final LabelSet labels;
    private final TagEvaluator evaluator;
    private final SequenceDecoder decoder;
    private final Duration timeBudget;
    private final WarmStart warmStart;

    /**
     * @param input     the network input of a sequence; its vocabulary is the one to train with (with a
     *                  warm start, one that {@link WarmStart#extend extends} the source's)
     * @param warmStart trained feature layers to start from, or null to start from random weights
     */
    TaggerTrainer(TaggerHyperParameters hp, TaggerInput input, LabelSet labels,
                  TagEvaluator evaluator, SequenceDecoder decoder, Duration timeBudget, WarmStart warmStart) {
        this.warmStart = warmStart;
        this.hp = hp;
        this.input = input;
        this.labels = labels;
        this.evaluator = evaluator;
        this.decoder = decoder;
        this.timeBudget = timeBudget;
    }

    /** Trains on {@code train} (each sequence at most the longest bucket), choosing weights on {@code dev}. */
    public TrainedTagger train(List<TaggedSequence> train, List<TaggedSequence> dev) {
        for (TaggedSequence s : train) {
            if (s.length() > hp.maxLength() || s.length() == 0) {
                throw new IllegalArgumentException("training sequences must have 1.." + hp.maxLength()
                        + " characters (split them first), got " + s.length());
            }
        }
        long deadline = System.nanoTime() + timeBudget.toNanos();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters params = new TrainableParameters(tf, hp.seed(), TaggerNetwork.INITIALISATION, warmStart);
            TaggerNetwork network = new TaggerNetwork(tf, hp, input.vocabulary().size(), labels.size(), params);
            AdamOptimizer adam = new AdamOptimizer(graph, tf, params.variables().values());
            Placeholder<TFloat32> learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Map<Integer, BucketGraph> buckets = new LinkedHashMap<>();
            for (int length : hp.buckets()) {
                buckets.put(length, BucketGraph.build(tf, network, adam, learningRate, length, labels.size()));
            }
            Placeholder<TInt32> evalIds = tf.withName("eval_token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            ParameterAverages averages = hp.averageDecay() > 0 ? new ParameterAverages(tf, params, hp.averageDecay()) : null;
            TaggerNetwork scored = averages == null ? network
                    : new TaggerNetwork(tf, hp, input.vocabulary().size(), labels.size(), averages);
            SessionTagger devTagger = new SessionTagger(session, evalIds, scored.emissions(evalIds, false),
                    scored.transitions(), input, labels.size(), decoder);
            session.initialize();
            LOG.info("Graph built: {} operations, {} parameters", countOps(graph), params.size());

            Random random = new Random(hp.seed());
            Map<Integer, List<TaggedSequence>> byBucket = groupByBucket(train);
            float lr = hp.learningRate();
            double best = Double.NEGATIVE_INFINITY;
            Map<String, TrainedTagger.Tensor> bestWeights = null;
            Map<String, Double> bestMetrics = Map.of();
            List<TrainedTagger.EpochReport> history = new ArrayList<>();
            int stale = 0;
            for (int epoch = 1; epoch <= hp.maxEpochs(); epoch++) {
                List<Batch> batches = shuffledBatches(byBucket, random);
                double lossSum = 0;
                long sequences = 0;
                long start = System.nanoTime();
                boolean outOfTime = false;
                try (ProgressBar bar = progressBar("epoch " + epoch + "/" + hp.maxEpochs(), batches.size())) {
                    for (Batch batch : batches) {
                        float loss = step(session, buckets.get(batch.length()), batch, lr, random);
                        if (averages != null) {
                            averages.update(session);
                        }
                        lossSum += loss * batch.sequences().size();
                        sequences += batch.sequences().size();
                        bar.step();
                        bar.setExtraMessage(String.format(" loss %.3f", lossSum / sequences));
                        if (System.nanoTime() > deadline) {
                            outOfTime = true;
                            break;
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Double> metrics = evaluator.evaluate(dev, devTagger.predict(dev));
                double score = metrics.get(evaluator.primaryMetric());
                history.add(new TrainedTagger.EpochReport(epoch, lossSum / sequences, sequences / seconds, lr, metrics));
                LOG.info("epoch {}: loss {} ({} seq/s), dev {}", epoch, String.format("%.4f", lossSum / sequences),
                        String.format("%.0f", sequences / seconds), metrics);
                if (score > best) {
                    best = score;
                    bestWeights = averages == null ? params.snapshot(session, TrainedTagger.Tensor::new)
                            : averages.snapshot(session, TrainedTagger.Tensor::new);
                    bestMetrics = metrics;
                    stale = 0;
                } else {
                    stale++;
                    lr /= 2;
                    if (stale >= hp.patience()) {
                        LOG.info("No better dev {} for {} epochs: stopping", evaluator.primaryMetric(), stale);
                        break;
                    }
                }
                if (outOfTime || System.nanoTime() > deadline) {
                    LOG.info("Time budget of {} spent: stopping after epoch {}", timeBudget, epoch);
                    break;
                }
            }
            return new TrainedTagger(bestWeights, input.vocabulary(), labels, hp, history, bestMetrics);
        }
    }

    private float step(Session session, BucketGraph graph, Batch batch, float lr, Random random) {
        int b = batch.sequences().size();
        int length = batch.length();
        int k = labels.size();
        int[] ids = new int[b * length];
        for (int i = 0; i < b; i++) {
            TaggedSequence s = batch.sequences().get(i);
            boolean givePositions = !input.takesWordPositions() || random.nextDouble() >= UNKNOWN_WORDS_SHARE;
            System.arraycopy(input.ids(s, givePositions), 0, ids, i * length, s.length());
        }
        CrfTargets gold = CrfTargets.gold(batch.sequences().stream().map(TaggedSequence::tags).toList(), length, k);
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(b, length), DataBuffers.of(ids, true, false));
             TFloat32 goldT = gold.positionsTensor();
             TFloat32 transT = gold.transitionsTensor();
             TFloat32 batchT = TFloat32.scalarOf(b);
             TFloat32 lrT = TFloat32.scalarOf(lr);
             Result result = session.runner()
                     .feed(graph.ids(), idsT).feed(graph.gold(), goldT).feed(graph.goldTransitions(), transT)
                     .feed(graph.batchSize(), batchT).feed(graph.learningRate(), lrT)
                     .addTarget(graph.train()).fetch(graph.loss()).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    private Map<Integer, List<TaggedSequence>> groupByBucket(List<TaggedSequence> train) {
        Map<Integer, List<TaggedSequence>> byBucket = new LinkedHashMap<>();
        for (int length : hp.buckets()) {
            byBucket.put(length, new ArrayList<>());
        }
        for (TaggedSequence s : train) {
            int bucket = hp.buckets().stream().filter(l -> l >= s.length()).findFirst().orElseThrow();
            byBucket.get(bucket).add(s);
        }
        return byBucket;
    }

    private List<Batch> shuffledBatches(Map<Integer, List<TaggedSequence>> byBucket, Random random) {
        List<Batch> batches = new ArrayList<>();
        byBucket.forEach((length, sequences) -> {
            List<TaggedSequence> shuffled = new ArrayList<>(sequences);
            Collections.shuffle(shuffled, random);
            for (int from = 0; from < shuffled.size(); from += hp.batchSize()) {
                batches.add(new Batch(length, shuffled.subList(from, Math.min(shuffled.size(), from + hp.batchSize()))));
            }
        });
        Collections.shuffle(batches, random);
        return batches;
    }

    private static ProgressBar progressBar(String task, int steps) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).continuousUpdate().build();
    }

    private static int countOps(Graph graph) {
        int n = 0;
        for (var it = graph.operations(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    private record Batch(int length, List<TaggedSequence> sequences) {
    }

    /** The placeholders, loss and Adam step for batches padded to one length. */
    private record BucketGraph(Placeholder<TInt32> ids, Placeholder<TFloat32> gold, Placeholder<TFloat32> goldTransitions,
                               Placeholder<TFloat32> batchSize, Placeholder<TFloat32> learningRate,
                               Operand<TFloat32> loss, Op train) {

        static BucketGraph build(Ops tf, TaggerNetwork network, AdamOptimizer adam, Placeholder<TFloat32> learningRate,
                                 int length, int numTags) {
            Ops scope = tf.withSubScope("bucket" + length);
            Placeholder<TInt32> ids = scope.withName("token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, length)));
            Placeholder<TFloat32> gold = scope.withName("gold").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, length, numTags)));
            Placeholder<TFloat32> goldTransitions = scope.withName("gold_transitions").placeholder(TFloat32.class, Placeholder.shape(Shape.of(numTags, numTags)));
            Placeholder<TFloat32> batchSize = scope.withName("batch_size").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TFloat32> emissions = network.emissions(ids, true);
            Operand<TFloat32> loss = network.crfLoss(emissions, network.mask(ids), length, gold, goldTransitions, batchSize);
            Op train = adam.minimize(loss, learningRate, "gradients_bucket" + length);
            return new BucketGraph(ids, gold, goldTransitions, batchSize, learningRate, loss, train);
        }
    }
}
