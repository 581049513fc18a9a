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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A character-tagger SavedModel (segmenter, NER, POS) loaded once per JVM through DJL, scoring id
 * sequences in batches.
 *
 * <p>Sequences are served in {@link LengthBuckets}: padded to the smallest of a few fixed lengths
 * (capped by the artifact's {@code maxLength}) that holds them, at most {@code maxBatchSize} per call.
 * Callers cut longer texts first (see {@link io.wenliu.models.text.SentenceChunker}) to at most
 * {@link #maxLength()}.
 *
 * <p>Owns the DJL model and a {@link PredictorPool}; {@link #close()} frees both. Thread-safe:
 * concurrent calls use separate predictors.
 */
public final class TaggerModel implements SequenceScorer {
    private final ModelArtifact artifact;
    private final ZooModel<TokenBatch, EmissionScores> model;
    private final PredictorPool<TokenBatch, EmissionScores> predictors;
    private final LengthBuckets buckets;
    private final int maxBatchSize;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TaggerModel(ModelArtifact artifact, ZooModel<TokenBatch, EmissionScores> model, int maxBatchSize) {
        this.artifact = artifact;
        this.model = model;
        this.predictors = new PredictorPool<>(model::newPredictor);
        this.buckets = LengthBuckets.upTo(artifact.maxLength());
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

    public ModelArtifact artifact() {
        return artifact;
    }

    public CharVocabulary vocabulary() {
        return artifact.vocabulary();
    }

    @Override
    public int maxLength() {
        return buckets.maxLength();
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
        return buckets.lengths();
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
        Arrays.fill(scores, new SequenceScores(new float[0], 0, 0, new float[0])); // empty sequences: no call
        for (LengthBuckets.Batch batch : buckets.batches(sequences, maxBatchSize)) {
            EmissionScores out = predictors.predict(batch.input());
            for (int row = 0; row < batch.sequences().length; row++) {
                int s = batch.sequences()[row];
                scores[s] = new SequenceScores(out.emissions(), out.offset(row), sequences.get(s).length, out.transitions());
            }
        }
        return Collections.unmodifiableList(Arrays.asList(scores));
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
