package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertClassifierNetwork;
import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertEncoder;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertTokens;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.PretrainedParameters;
import io.wenliu.models.graph.SeededDropout;
import io.wenliu.models.train.TrainableParameters;
import io.wenliu.models.train.classifier.LabeledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * Fine-tunes the pre-trained BERT encoder with a {@link BertClassifierNetwork} head into a binary
 * text classifier (sentiment): AdamW with warm-up then linear decay, gradient clipping, dropout, the
 * word embeddings frozen (they stay those of the Maven artifact, so an artifact need not store them).
 *
 * <p>Texts longer than {@code maxTokens} are cut at sentence ends into chunks that each carry the
 * text's label; a text's score is the mean logit of its chunks. The {@link FineTuningLoop} runs the
 * epochs, checkpoints and resumes; the validation accuracy (on a split carved from the training data)
 * picks the epoch kept. Not thread-safe.
 */
public final class BertClassifierTrainer {
    private static final String ACCURACY = "accuracy";
    private final BertWeights weights;
    private final BertConfig config;
    private final BertTokenizer tokenizer;
    private final BertFineTuning settings;
    private final FineTuningCheckpoint checkpoint;

    public BertClassifierTrainer(BertWeights weights, BertConfig config, BertTokenizer tokenizer,
                                 BertFineTuning settings, FineTuningCheckpoint checkpoint) {
        this.weights = weights;
        this.config = config;
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.checkpoint = checkpoint;
    }

    /** A training sequence: [CLS] chunk [SEP], its label and the text it came from. */
    record Example(int[] ids, float label, int text) {
    }

    /**
     * What a run produced: the chosen weights (all but the frozen ones) and how it went: the dev
     * accuracy (NaN until the run has finished) and the mean training loss of each epoch (or part of
     * one) this call ran.
     */
    public record Outcome(Map<String, float[]> weights, Map<String, long[]> shapes, double validationAccuracy,
                          int bestEpoch, double devAccuracy, boolean finished, long steps, List<Double> epochLosses,
                          double tokensPerSecond) {
    }

    /**
     * Fine-tunes on {@code train}, choosing the epoch on {@code validation} (carved from the training
     * data); once the run has finished, scores the chosen weights on {@code dev}, which chose nothing.
     */
    public Outcome train(List<LabeledText> train, List<LabeledText> validation, List<LabeledText> dev) {
        List<Example> examples = examples(train);
        List<Example> validationExamples = examples(validation);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters head = new TrainableParameters(tf, settings.seed());
            PretrainedParameters params = new PretrainedParameters(tf, weights, Set.of(BertEncoder.WORD_EMBEDDINGS), head);
            BertClassifierNetwork network = new BertClassifierNetwork(tf, config, params,
                    new SeededDropout(tf, settings.dropout(), settings.seed()));
            Placeholder<TInt32> ids = tf.withName("token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Placeholder<TFloat32> labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> rate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TFloat32> loss = network.loss(network.logits(ids, true), labels);
            Map<String, Variable<TFloat32>> trained = new LinkedHashMap<>(params.variables());
            trained.putAll(head.variables());
            Op step = new AdamW(graph, tf, trained, settings.weightDecay(), settings.clipNorm()).minimize(loss, rate, "gradients");
            Operand<TFloat32> servingLogits = network.logits(ids, false);
            FineTuningLoop loop = new FineTuningLoop(tf, trained, settings.schedule(), checkpoint);
            session.initialize();

            FineTuningLoop.Outcome run = loop.run(session, new FineTuningLoop.Task<List<Example>>() {
                @Override
                public List<List<Example>> batches(int epoch) {
                    return BertClassifierTrainer.this.batches(examples, epoch);
                }

                @Override
                public float step(Session s, List<Example> batch, float learningRate) {
                    return BertClassifierTrainer.run(s, ids, labels, rate, loss, step, batch, learningRate);
                }

                @Override
                public long tokens(List<Example> batch) {
                    return batch.size() * (long) batch.get(0).ids().length;
                }

                @Override
                public Map<String, Double> validation(Session s) {
                    return Map.of(ACCURACY, accuracy(s, ids, servingLogits, validationExamples, validation));
                }

                @Override
                public String primaryMetric() {
                    return ACCURACY;
                }
            });
            double devAccuracy = run.finished() ? accuracy(session, ids, servingLogits, examples(dev), dev) : Double.NaN;
            return new Outcome(run.weights(), run.shapes(), run.validationScore(), run.bestEpoch(), devAccuracy,
                    run.finished(), run.steps(), run.epochLosses(), run.tokensPerSecond());
        }
    }

    List<Example> examples(List<LabeledText> texts) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (BertTokens chunk : tokenizer.chunks(texts.get(i).text(), settings.maxTokens() - 2)) {
                examples.add(new Example(tokenizer.withSpecialTokens(chunk), texts.get(i).label(), i));
            }
        }
        return examples;
    }

    /**
     * The epoch's batches: the examples shuffled by the seed and the epoch (so a resumed run sees the
     * same order), sorted by length within windows of 50 batches to waste little on padding.
     */
    List<List<Example>> batches(List<Example> examples, int epoch) {
        Random random = new Random(settings.seed() * 31 + epoch);
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, random);
        int window = settings.batchSize() * 50;
        List<List<Example>> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += window) {
            List<Example> part = new ArrayList<>(shuffled.subList(from, Math.min(shuffled.size(), from + window)));
            part.sort(Comparator.comparingInt((Example e) -> e.ids().length));
            for (int b = 0; b < part.size(); b += settings.batchSize()) {
                batches.add(part.subList(b, Math.min(part.size(), b + settings.batchSize())));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    private static float run(Session session, Placeholder<TInt32> ids, Placeholder<TFloat32> labels,
                             Placeholder<TFloat32> rate, Operand<TFloat32> loss, Op step, List<Example> batch, float lr) {
        int length = batch.stream().mapToInt(e -> e.ids().length).max().orElseThrow();
        float[] y = new float[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            y[i] = batch.get(i).label();
        }
        try (TInt32 idsT = padded(batch, length);
             TFloat32 labelsT = TFloat32.tensorOf(Shape.of(batch.size()), DataBuffers.of(y, true, false));
             TFloat32 rateT = TFloat32.scalarOf(lr);
             Result result = session.runner().feed(ids, idsT).feed(labels, labelsT).feed(rate, rateT)
                     .addTarget(step).fetch(loss).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    private static TInt32 padded(List<Example> batch, int length) {
        int[] flat = new int[batch.size() * length]; // 0 is [PAD]
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).ids(), 0, flat, i * length, batch.get(i).ids().length);
        }
        return TInt32.tensorOf(Shape.of(batch.size(), length), DataBuffers.of(flat, true, false));
    }

    /** Accuracy of the texts' mean chunk logits against their labels. */
    private double accuracy(Session session, Placeholder<TInt32> ids, Operand<TFloat32> logits,
                            List<Example> examples, List<LabeledText> texts) {
        double[] sums = new double[texts.size()];
        int[] counts = new int[texts.size()];
        List<Example> byLength = new ArrayList<>(examples);
        byLength.sort(Comparator.comparingInt((Example e) -> e.ids().length));
        int evalBatch = settings.batchSize() * 2;
        for (int from = 0; from < byLength.size(); from += evalBatch) {
            List<Example> batch = byLength.subList(from, Math.min(byLength.size(), from + evalBatch));
            int length = batch.get(batch.size() - 1).ids().length;
            try (TInt32 idsT = padded(batch, length);
                 Result result = session.runner().feed(ids, idsT).fetch(logits).run()) {
                TFloat32 out = (TFloat32) result.get(0);
                for (int i = 0; i < batch.size(); i++) {
                    sums[batch.get(i).text()] += out.getFloat(i);
                    counts[batch.get(i).text()]++;
                }
            }
        }
        int correct = 0;
        for (int t = 0; t < texts.size(); t++) {
            int predicted = counts[t] > 0 && sums[t] / counts[t] > 0 ? 1 : 0;
            correct += predicted == texts.get(t).label() ? 1 : 0;
        }
        return texts.isEmpty() ? 0 : (double) correct / texts.size();
    }
}
