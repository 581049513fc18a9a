package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertEncoder;
import io.wenliu.models.bert.BertTaggerNetwork;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.CharacterPieces;
import io.wenliu.models.bert.PretrainedParameters;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.graph.CrfLoss;
import io.wenliu.models.graph.SeededDropout;
import io.wenliu.models.train.CrfTargets;
import io.wenliu.models.train.SequenceDecoder;
import io.wenliu.models.train.TaggingTask;
import io.wenliu.models.train.TrainableParameters;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Fine-tunes the pre-trained BERT encoder with a {@link BertTaggerNetwork} head into a character CRF
 * tagger for a {@link TaggingTask} (NER, segmentation, POS): the task's tags, gold files, evaluator
 * and dev decoder apply unchanged, because the head scores characters, not word pieces.
 *
 * <p>Sentences are cut at sentence ends ({@link CharacterPieces}) into chunks of at most
 * {@code maxTokens} pieces; a chunk's characters are padded to the smallest length bucket that holds
 * them (the CRF's forward algorithm is unrolled, so each bucket has its own loss and AdamW step on a
 * shared encoder), its pieces to the longest in the batch. The {@link FineTuningLoop} runs the epochs,
 * checkpoints and resumes; the task's primary metric on a validation split carved from the training
 * data chooses the epoch; dev is scored once, with the chosen weights, when the run has finished.
 * Not thread-safe.
 */
public final class BertTaggerTrainer {
    private static final int SMALLEST_BUCKET = 16;

    private final BertWeights weights;
    private final BertConfig config;
    private final BertTokenizer tokenizer;
    private final TaggingTask task;
    private final BertFineTuning settings;
    private final FineTuningCheckpoint checkpoint;
    private final List<Integer> buckets;

    public BertTaggerTrainer(BertWeights weights, BertConfig config, BertTokenizer tokenizer, TaggingTask task,
                             BertFineTuning settings, FineTuningCheckpoint checkpoint) {
        this.weights = weights;
        this.config = config;
        this.tokenizer = tokenizer;
        this.task = task;
        this.settings = settings;
        this.checkpoint = checkpoint;
        this.buckets = buckets(settings.maxTokens());
    }

    /** Character lengths the CRF is unrolled for: powers of two from 16 up to the first that holds {@code maxTokens}. */
    static List<Integer> buckets(int maxTokens) {
        List<Integer> lengths = new ArrayList<>();
        int length = SMALLEST_BUCKET;
        lengths.add(length);
        while (length < maxTokens) {
            length *= 2;
            lengths.add(length);
        }
        return List.copyOf(lengths);
    }

    /** A training chunk: its encoder input, each character's piece, its gold tags. */
    record Example(int[] ids, int[] characterPieces, int[] tags) {
    }

    /**
     * What a run produced: the chosen weights (all but the frozen ones) and how it went.
     *
     * @param validation the chosen epoch's validation metrics (the task's evaluator), empty until an epoch ends
     * @param dev        the dev metrics of the chosen weights, empty until the run has finished
     */
    public record Outcome(Map<String, float[]> weights, Map<String, long[]> shapes, double validationScore,
                          Map<String, Double> validation, int bestEpoch, Map<String, Double> dev, boolean finished,
                          long steps, List<Double> epochLosses, double tokensPerSecond) {
    }

    /** One bucket's part of the training graph. */
    private record BucketGraph(int length, Placeholder<TInt32> characterPieces, Placeholder<TFloat32> gold,
                               Placeholder<TFloat32> goldTransitions, Placeholder<TFloat32> batchSize,
                               Operand<TFloat32> loss, Op step) {
    }

    private record Batch(int length, List<Example> examples) {
    }

    /** The serving half of the graph: per-character emissions without dropout, and the transitions. */
    private record Scorer(Placeholder<TInt32> ids, Placeholder<TInt32> characterPieces, Operand<TFloat32> emissions,
                          Operand<TFloat32> transitions) {
    }

    /**
     * Fine-tunes on {@code train}, choosing the epoch on {@code validation} (carved from the training
     * data); once the run has finished, scores the chosen weights on {@code dev}, which chose nothing.
     */
    public Outcome train(List<TaggedSequence> train, List<TaggedSequence> validation, List<TaggedSequence> dev) {
        return train(train, Map.of("validation", validation), dev);
    }

    /**
     * As {@link #train(List, List, List)} with validation in named parts (one per training corpus): the
     * epoch is chosen on all parts together, and each part's primary metric is reported beside the rest
     * as {@code <part>.<metric>} when there is more than one.
     */
    public Outcome train(List<TaggedSequence> train, Map<String, List<TaggedSequence>> validationParts,
                         List<TaggedSequence> dev) {
        List<TaggedSequence> validation = validationParts.values().stream().flatMap(List::stream).toList();
        List<Example> examples = examples(train);
        int numTags = task.labels().size();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters head = new TrainableParameters(tf, settings.seed(),
                    Map.of(BertTaggerNetwork.TRANSITIONS, TrainableParameters.Init.ZEROS), null);
            PretrainedParameters params = new PretrainedParameters(tf, weights, Set.of(BertEncoder.WORD_EMBEDDINGS), head);
            BertTaggerNetwork network = new BertTaggerNetwork(tf, config, numTags, params,
                    new SeededDropout(tf, settings.dropout(), settings.seed()));
            Placeholder<TInt32> ids = tf.withName("token_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Placeholder<TFloat32> rate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Map<String, Variable<TFloat32>> trained = new LinkedHashMap<>(params.variables());
            trained.putAll(head.variables());
            AdamW adamW = new AdamW(graph, tf, trained, settings.weightDecay(), settings.clipNorm(),
                    Map.of(BertTaggerNetwork.TRANSITIONS, settings.crfRateMultiplier()));
            Operand<TFloat32> trainingPieces = network.pieceEmissions(ids, true);
            CrfLoss crf = new CrfLoss(tf, network.transitions());
            Map<Integer, BucketGraph> graphs = new LinkedHashMap<>();
            for (int length : buckets) {
                Ops scope = tf.withSubScope("bucket" + length);
                Placeholder<TInt32> pieces = scope.withName("character_pieces").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, length)));
                Placeholder<TFloat32> gold = scope.withName("gold").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, length, numTags)));
                Placeholder<TFloat32> goldTransitions = scope.withName("gold_transitions").placeholder(TFloat32.class, Placeholder.shape(Shape.of(numTags, numTags)));
                Placeholder<TFloat32> batchSize = scope.withName("batch_size").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
                Operand<TFloat32> loss = crf.loss(network.perCharacter(trainingPieces, pieces), network.mask(pieces),
                        length, gold, goldTransitions, batchSize);
                graphs.put(length, new BucketGraph(length, pieces, gold, goldTransitions, batchSize, loss,
                        adamW.minimize(loss, rate, "gradients_bucket" + length)));
            }
            Placeholder<TInt32> servingPieces = tf.withName("character_pieces").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Scorer scorer = new Scorer(ids, servingPieces, network.emissions(ids, servingPieces, false), network.transitions());
            FineTuningLoop loop = new FineTuningLoop(tf, trained, settings.schedule(), checkpoint);
            session.initialize();

            FineTuningLoop.Outcome run = loop.run(session, new FineTuningLoop.Task<Batch>() {
                @Override
                public List<Batch> batches(int epoch) {
                    return BertTaggerTrainer.this.batches(examples, epoch);
                }

                @Override
                public float step(Session s, Batch batch, float learningRate) {
                    return BertTaggerTrainer.this.step(s, ids, rate, graphs.get(batch.length()), batch, learningRate);
                }

                @Override
                public long tokens(Batch batch) {
                    return batch.examples().size() * (long) batch.examples().stream().mapToInt(e -> e.ids().length).max().orElse(0);
                }

                @Override
                public Map<String, Double> validation(Session s) {
                    List<int[]> predicted = predict(s, scorer, validation);
                    Map<String, Double> metrics = new LinkedHashMap<>(task.evaluator().evaluate(validation, predicted));
                    if (validationParts.size() > 1) {
                        String primary = task.evaluator().primaryMetric();
                        int from = 0;
                        for (Map.Entry<String, List<TaggedSequence>> part : validationParts.entrySet()) {
                            int to = from + part.getValue().size();
                            metrics.put(part.getKey() + "." + primary,
                                    task.evaluator().evaluate(part.getValue(), predicted.subList(from, to)).get(primary));
                            from = to;
                        }
                    }
                    return metrics;
                }

                @Override
                public String primaryMetric() {
                    return task.evaluator().primaryMetric();
                }
            });
            Map<String, Double> devMetrics = run.finished()
                    ? task.evaluator().evaluate(dev, predict(session, scorer, dev)) : Map.of();
            return new Outcome(run.weights(), run.shapes(), run.validationScore(), run.validation(), run.bestEpoch(),
                    devMetrics, run.finished(), run.steps(), run.epochLosses(), run.tokensPerSecond());
        }
    }

    /** The training chunks of {@code sequences}. */
    List<Example> examples(List<TaggedSequence> sequences) {
        List<Example> examples = new ArrayList<>();
        for (TaggedSequence s : sequences) {
            for (CharacterPieces.Chunk chunk : chunks(s)) {
                examples.add(new Example(chunk.ids(), chunk.characterPieces(), Arrays.copyOfRange(s.tags(), chunk.from(), chunk.to())));
            }
        }
        return examples;
    }

    private List<CharacterPieces.Chunk> chunks(TaggedSequence sequence) {
        return CharacterPieces.chunks(tokenizer, sequence.codePoints(), settings.maxTokens() - 2, buckets.get(buckets.size() - 1));
    }

    /**
     * The epoch's batches: each bucket's examples shuffled by the seed and the epoch (so a resumed run
     * sees the same order) and cut into batches, then all batches shuffled.
     */
    List<Batch> batches(List<Example> examples, int epoch) {
        Random random = new Random(settings.seed() * 31 + epoch);
        Map<Integer, List<Example>> byBucket = new LinkedHashMap<>();
        buckets.forEach(length -> byBucket.put(length, new ArrayList<>()));
        for (Example e : examples) {
            byBucket.get(bucket(e.tags().length)).add(e);
        }
        List<Batch> batches = new ArrayList<>();
        byBucket.forEach((length, bucket) -> {
            Collections.shuffle(bucket, random);
            for (int from = 0; from < bucket.size(); from += settings.batchSize()) {
                batches.add(new Batch(length, bucket.subList(from, Math.min(bucket.size(), from + settings.batchSize()))));
            }
        });
        Collections.shuffle(batches, random);
        return batches;
    }

    private int bucket(int characters) {
        return buckets.stream().filter(l -> l >= characters).findFirst().orElseThrow(() -> new IllegalStateException(
                "a chunk of " + characters + " characters exceeds the longest bucket " + buckets));
    }

    private float step(Session session, Placeholder<TInt32> ids, Placeholder<TFloat32> rate, BucketGraph graph,
                       Batch batch, float learningRate) {
        List<Example> examples = batch.examples();
        int b = examples.size();
        int length = graph.length();
        int k = task.labels().size();
        int[] pieces = new int[b * length];
        for (int i = 0; i < b; i++) {
            Example e = examples.get(i);
            System.arraycopy(e.characterPieces(), 0, pieces, i * length, e.characterPieces().length);
        }
        CrfTargets gold = CrfTargets.gold(examples.stream().map(Example::tags).toList(), length, k);
        try (TInt32 idsT = paddedIds(examples.stream().map(Example::ids).toList());
             TInt32 piecesT = TInt32.tensorOf(Shape.of(b, length), DataBuffers.of(pieces, true, false));
             TFloat32 goldT = gold.positionsTensor();
             TFloat32 transT = gold.transitionsTensor();
             TFloat32 batchT = TFloat32.scalarOf(b);
             TFloat32 rateT = TFloat32.scalarOf(learningRate);
             Result result = session.runner().feed(ids, idsT).feed(graph.characterPieces(), piecesT)
                     .feed(graph.gold(), goldT).feed(graph.goldTransitions(), transT).feed(graph.batchSize(), batchT)
                     .feed(rate, rateT).addTarget(graph.step()).fetch(graph.loss()).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    /** The task's dev decoding of every sequence, chunk by chunk, with the session's current weights. */
    private List<int[]> predict(Session session, Scorer scorer, List<TaggedSequence> sequences) {
        record Part(int sequence, CharacterPieces.Chunk chunk) {
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            for (CharacterPieces.Chunk chunk : chunks(sequences.get(i))) {
                parts.add(new Part(i, chunk));
            }
        }
        parts.sort(Comparator.comparingInt((Part p) -> p.chunk().ids().length));
        float[] transitions;
        try (Result result = session.runner().fetch(scorer.transitions()).run()) {
            TFloat32 t = (TFloat32) result.get(0);
            transitions = new float[Math.toIntExact(t.shape().size())];
            t.copyTo(DataBuffers.of(transitions, false, false));
        }
        SequenceDecoder decoder = task.devDecoder();
        int k = task.labels().size();
        List<int[]> predicted = new ArrayList<>();
        sequences.forEach(s -> predicted.add(new int[s.length()]));
        int evalBatch = settings.batchSize() * 2;
        for (int from = 0; from < parts.size(); from += evalBatch) {
            List<Part> batch = parts.subList(from, Math.min(parts.size(), from + evalBatch));
            int length = batch.stream().mapToInt(p -> p.chunk().length()).max().orElseThrow();
            int[] pieces = new int[batch.size() * length];
            for (int i = 0; i < batch.size(); i++) {
                int[] cp = batch.get(i).chunk().characterPieces();
                System.arraycopy(cp, 0, pieces, i * length, cp.length);
            }
            try (TInt32 idsT = paddedIds(batch.stream().map(p -> p.chunk().ids()).toList());
                 TInt32 piecesT = TInt32.tensorOf(Shape.of(batch.size(), length), DataBuffers.of(pieces, true, false));
                 Result result = session.runner().feed(scorer.ids(), idsT).feed(scorer.characterPieces(), piecesT)
                         .fetch(scorer.emissions()).run()) {
                TFloat32 out = (TFloat32) result.get(0);
                float[] all = new float[batch.size() * length * k];
                out.copyTo(DataBuffers.of(all, false, false));
                for (int i = 0; i < batch.size(); i++) {
                    Part part = batch.get(i);
                    CharacterPieces.Chunk chunk = part.chunk();
                    float[] emissions = Arrays.copyOfRange(all, i * length * k, (i * length + chunk.length()) * k);
                    TaggedSequence s = sequences.get(part.sequence());
                    TaggedSequence stretch = new TaggedSequence(Arrays.copyOfRange(s.codePoints(), chunk.from(), chunk.to()),
                            Arrays.copyOfRange(s.tags(), chunk.from(), chunk.to()));
                    int[] tags = decoder.decode(emissions, transitions, stretch);
                    System.arraycopy(tags, 0, predicted.get(part.sequence()), chunk.from(), tags.length);
                }
            }
        }
        return predicted;
    }

    private static TInt32 paddedIds(List<int[]> sequences) {
        int length = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
        int[] flat = new int[sequences.size() * length]; // 0 is [PAD]
        for (int i = 0; i < sequences.size(); i++) {
            System.arraycopy(sequences.get(i), 0, flat, i * length, sequences.get(i).length);
        }
        return TInt32.tensorOf(Shape.of(sequences.size(), length), DataBuffers.of(flat, true, false));
    }
}
