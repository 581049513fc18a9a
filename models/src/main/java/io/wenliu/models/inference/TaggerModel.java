package io.wenliu.models.inference;

import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.TensorFlowRuntime;
import io.wenliu.models.vocab.CharVocabulary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * A character-tagger SavedModel (segmenter, NER, POS) loaded once per JVM through DJL, scoring id
 * sequences in batches.
 *
 * <p>Sequences are grouped by <em>bucket</em>: each is padded to the smallest of a few fixed lengths
 * (8, 16, 24, 32, 48, … 512, capped by the artifact's {@code maxLength}) that holds it, and sequences
 * of one bucket go to the model together, at most {@code maxBatchSize} per call. The model's cost is
 * proportional to the padded length, so the buckets are close together. Padding is id 0, which the network masks, so a position's
 * scores do not depend on its bucket. Callers cut longer texts first (see
 * {@link io.wenliu.models.text.SentenceChunker}) to at most {@link #maxLength()}.
 *
 * <p>Owns the DJL model and a {@link PredictorPool}; {@link #close()} frees both. Thread-safe:
 * concurrent calls use separate predictors.
 */
public final class TaggerModel implements SequenceScorer {
    /** Each about 1.5 times the previous: padding wastes at most a third of a call, ~15% on typical text. */
    static final int[] BUCKETS = {8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};

    private final ModelArtifact artifact;
    private final ZooModel<TokenBatch, EmissionScores> model;
    private final PredictorPool<TokenBatch, EmissionScores> predictors;
    private final int[] buckets;
    private final int maxBatchSize;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TaggerModel(ModelArtifact artifact, ZooModel<TokenBatch, EmissionScores> model, int maxBatchSize) {
        this.artifact = artifact;
        this.model = model;
        this.predictors = new PredictorPool<>(model::newPredictor);
        this.buckets = buckets(artifact.maxLength());
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Loads the artifact's SavedModel on {@code device} ({@code cpu}, {@code gpu}, {@code gpu:N}).
     *
     * @throws IllegalStateException when the SavedModel cannot be loaded (a systemic failure)
     */
    public static TaggerModel load(ModelArtifact artifact, String device, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        TensorFlowRuntime.engine();
        Criteria<TokenBatch, EmissionScores> criteria = Criteria.builder()
                .setTypes(TokenBatch.class, EmissionScores.class)
                .optEngine(TensorFlowRuntime.ENGINE)
                .optDevice(TensorFlowRuntime.device(device))
                .optModelPath(artifact.savedModel())
                .optOption("ConfigProto", TensorFlowRuntime.sessionConfig(device))
                .optTranslator(new EmissionsTranslator())
                .build();
        try {
            return new TaggerModel(artifact, criteria.loadModel(), maxBatchSize);
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("Cannot load the SavedModel " + artifact.savedModel().toAbsolutePath()
                    + ": " + e.getMessage() + "; re-export it with 'wenliu train'", e);
        }
    }

    static int[] buckets(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        int largest = Math.min(maxLength, BUCKETS[BUCKETS.length - 1]);
        int[] fitting = Arrays.stream(BUCKETS).filter(b -> b < largest).toArray();
        int[] lengths = Arrays.copyOf(fitting, fitting.length + 1);
        lengths[fitting.length] = largest;
        return lengths;
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    public CharVocabulary vocabulary() {
        return artifact.vocabulary();
    }

    @Override
    public int maxLength() {
        return buckets[buckets.length - 1];
    }

    public int tags() {
        return artifact.labels().size();
    }

    /** Predictors waiting for a call; never more than the peak number of concurrent calls. */
    public int idlePredictors() {
        return predictors.idleCount();
    }

    /** The padded lengths sequences are served at, ascending. */
    public int[] bucketLengths() {
        return buckets.clone();
    }

    /**
     * The CRF scores of each id sequence, in the order given.
     *
     * @param sequences character ids ({@link CharVocabulary#id}), none longer than {@link #maxLength()};
     *                  an empty sequence gets empty scores without a model call
     */
    @Override
    public List<SequenceScores> score(List<int[]> sequences) throws TranslateException {
        SequenceScores[] scores = new SequenceScores[sequences.size()];
        Integer[] order = IntStream.range(0, sequences.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(sequences.get(a).length, sequences.get(b).length));
        int from = 0;
        while (from < order.length && sequences.get(order[from]).length == 0) {
            scores[order[from]] = new SequenceScores(new float[0], 0, 0, new float[0]);
            from++;
        }
        while (from < order.length) {
            int width = bucket(sequences.get(order[from]).length);
            int to = from;
            while (to < order.length && to - from < maxBatchSize && sequences.get(order[to]).length <= width) {
                to++;
            }
            int[] ids = new int[(to - from) * width];
            for (int row = 0; row < to - from; row++) {
                int[] sequence = sequences.get(order[from + row]);
                System.arraycopy(sequence, 0, ids, row * width, sequence.length);
            }
            EmissionScores out = predictors.predict(new TokenBatch(ids, to - from, width));
            for (int row = 0; row < to - from; row++) {
                scores[order[from + row]] = new SequenceScores(out.emissions(), out.offset(row),
                        sequences.get(order[from + row]).length, out.transitions());
            }
            from = to;
        }
        return Collections.unmodifiableList(Arrays.asList(scores));
    }

    private int bucket(int length) {
        for (int b : buckets) {
            if (length <= b) {
                return b;
            }
        }
        throw new IllegalArgumentException("A sequence of " + length + " characters is longer than the model's "
                + maxLength() + "; cut it first (SentenceChunker)");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            predictors.close();
        } finally {
            model.close();
        }
    }
}
