package io.wenliu.models.similarity;

import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertTokens;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.inference.PredictorPool;
import io.wenliu.models.inference.SingleOutputTranslator;
import io.wenliu.models.inference.TokenBatch;
import io.wenliu.models.runtime.TensorFlowRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The similarity model served through DJL: sentences in, L2-normalised embeddings out, in batches
 * of sentences of similar length (at most {@code maxBatchSize} per model call).
 *
 * <p>Owns the DJL model and a {@link PredictorPool}; {@link #close()} frees both. Thread-safe:
 * concurrent calls use separate predictors.
 */
public final class SentenceEncoder implements AutoCloseable {
    private final SimilarityArtifact artifact;
    private final ZooModel<TokenBatch, float[]> model;
    private final PredictorPool<TokenBatch, float[]> predictors;
    private final Function<String, int[]> tokenizer;
    private final BertTokenizer pieces;
    private final int maxBatchSize;

    /** @param pieces the teacher's word-piece tokenizer (owned), or null for a character encoder */
    private SentenceEncoder(SimilarityArtifact artifact, ZooModel<TokenBatch, float[]> model, BertTokenizer pieces,
                            int maxBatchSize) {
        this.artifact = artifact;
        this.model = model;
        this.predictors = new PredictorPool<>(model::newPredictor);
        this.pieces = pieces;
        // the teacher reads [CLS] text [SEP], at most the encoder's 512 positions, as bge was trained
        this.tokenizer = pieces == null ? artifact.tokenizer()::ids
                : text -> pieces.withSpecialTokens(firstPieces(pieces.tokenize(text), artifact.maxLength() - 2));
        this.maxBatchSize = maxBatchSize;
    }

    private static BertTokens firstPieces(BertTokens tokens, int max) {
        return tokens.size() <= max ? tokens : tokens.slice(0, max);
    }

    /**
     * Loads the artifact in {@code directory} on {@code device} ({@code cpu}, {@code gpu}, {@code gpu:N}).
     *
     * @throws IllegalStateException when the artifact cannot be read or loaded (a systemic failure)
     */
    public static SentenceEncoder open(Path directory, String device, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        SimilarityArtifact artifact = SimilarityArtifact.load(directory);
        boolean teacher = TeacherSavedModel.isTeacher(directory);
        Path savedModel = teacher ? TeacherSavedModel.materializeSentenceEncoder() : artifact.savedModel();
        TensorFlowRuntime.engine();
        Criteria<TokenBatch, float[]> criteria = Criteria.builder()
                .setTypes(TokenBatch.class, float[].class)
                .optEngine(TensorFlowRuntime.ENGINE)
                .optDevice(TensorFlowRuntime.device(device))
                .optModelPath(savedModel)
                .optOption("ConfigProto", TensorFlowRuntime.sessionConfig(device))
                .optTranslator(new SingleOutputTranslator("embeddings", "similarity"))
                .build();
        try {
            return new SentenceEncoder(artifact, criteria.loadModel(), teacher ? BertTokenizer.bgeSmallZh() : null, maxBatchSize);
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("Cannot load the SavedModel " + savedModel.toAbsolutePath()
                    + ": " + e.getMessage() + "; re-export it with 'wenliu train similarity'", e);
        }
    }

    public SimilarityArtifact artifact() {
        return artifact;
    }

    public int dimension() {
        return artifact.dimension();
    }

    /** Cosine at or above which two sentences are taken to have the same meaning. */
    public float threshold() {
        return artifact.threshold();
    }

    /** The embedding of each text, in the order given; each has {@link #dimension()} components and unit length. */
    public List<float[]> encode(List<String> texts) throws TranslateException {
        List<int[]> ids = texts.stream().map(tokenizer).toList();
        Integer[] order = IntStream.range(0, ids.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(ids.get(a).length, ids.get(b).length));
        float[][] out = new float[ids.size()][];
        int dimension = artifact.dimension();
        for (int from = 0; from < order.length; from += maxBatchSize) {
            int to = Math.min(order.length, from + maxBatchSize);
            int width = ids.get(order[to - 1]).length; // the longest of this length-sorted slice
            int[] matrix = new int[(to - from) * width];
            for (int row = 0; row < to - from; row++) {
                int[] sequence = ids.get(order[from + row]);
                System.arraycopy(sequence, 0, matrix, row * width, sequence.length);
            }
            float[] flat = predictors.predict(new TokenBatch(matrix, to - from, width));
            for (int row = 0; row < to - from; row++) {
                out[order[from + row]] = Arrays.copyOfRange(flat, row * dimension, (row + 1) * dimension);
            }
        }
        return new ArrayList<>(Arrays.asList(out));
    }

    @Override
    public void close() {
        try (model; predictors) {
            if (pieces != null) {
                pieces.close();
            }
        }
    }
}
