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
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.inference.StudentModel;
import io.wenliu.models.inference.StudentOutput;
import io.wenliu.models.inference.TokenBatch;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.runtime.TensorFlowRuntime;
import io.wenliu.models.vectors.UnitVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The similarity model served through DJL: sentences in, L2-normalised embeddings out, in batches
 * of sentences of similar length (at most {@code maxBatchSize} per model call); or the one-pass student's
 * similarity head.
 *
 * <p>Owns the DJL model and a {@link PredictorPool} (or the student); {@link #close()} frees them. Thread-safe:
 * concurrent calls use separate predictors.
 */
public final class SentenceEncoder implements AutoCloseable {
    private final SimilarityArtifact artifact;
    private final Embeddings embeddings;

    private SentenceEncoder(SimilarityArtifact artifact, Embeddings embeddings) {
        this.artifact = artifact;
        this.embeddings = embeddings;
    }

    /**
     * Loads the artifact in {@code directory} on {@code device} ({@code cpu}, {@code gpu}, {@code gpu:N}): a
     * character encoder, the teacher (bge as published), or the one-pass student, whose similarity head embeds
     * whole documents ({@link StudentModel#run}) whether they are asked for as sentences or as documents.
     *
     * @throws IllegalStateException when the artifact cannot be read or loaded (a systemic failure)
     */
    public static SentenceEncoder open(Path directory, String device, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        if (StudentArtifact.isStudent(directory)) {
            StudentModel student = StudentModel.open(directory, new ModelSettings(directory.getParent(), device, null, maxBatchSize));
            return new SentenceEncoder(SimilarityArtifact.of(student.artifact()), new StudentEmbeddings(student));
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
            return new SentenceEncoder(artifact, new NetworkEmbeddings(artifact, criteria.loadModel(),
                    teacher ? BertTokenizer.bgeSmallZh() : null, maxBatchSize));
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

    /** Cosine at or above which an earlier document counts as similar to a later one (the model's measured value). */
    public float documentMinScore() {
        return artifact.documentMinScore();
    }

    /** Cosine at or above which two sentences are taken to have the same meaning. */
    public float threshold() {
        return artifact.threshold();
    }

    /**
     * The embedding of each text as a sentence, in the order given: what the model was trained on; a
     * text longer than the model's input is embedded from its beginning (the student embeds it whole). Each
     * has {@link #dimension()} components and unit length.
     */
    public List<float[]> encode(List<String> texts) throws TranslateException {
        return embeddings.sentences(texts);
    }

    /**
     * The embedding of each whole document, in the order given: the document cut at sentence ends
     * into pieces the model takes, each piece embedded, the piece vectors averaged with their lengths
     * as weights and scaled to unit length. A document that fits the model's input is embedded as
     * {@link #encode} embeds it.
     */
    public List<float[]> encodeDocuments(List<String> texts) throws TranslateException {
        return embeddings.documents(texts);
    }

    @Override
    public void close() {
        embeddings.close();
    }

    /** How texts become unit vectors: as sentences and as whole documents. Owns what it runs on. */
    private interface Embeddings extends AutoCloseable {
        List<float[]> sentences(List<String> texts) throws TranslateException;

        List<float[]> documents(List<String> texts) throws TranslateException;

        @Override
        void close();
    }

    /** The student's similarity head: every text embedded whole (cut into pieces, pooled by length). */
    private record StudentEmbeddings(StudentModel student) implements Embeddings {
        @Override
        public List<float[]> sentences(List<String> texts) throws TranslateException {
            return documents(texts);
        }

        @Override
        public List<float[]> documents(List<String> texts) throws TranslateException {
            return student.run(texts).stream().map(StudentOutput::embedding).toList();
        }

        @Override
        public void close() {
            student.close();
        }
    }

    /**
     * An encoder network on token ids (character ids, or bge's word pieces for the teacher) through DJL, in batches
     * of sentences of similar length; a document cut at sentence ends and its pieces' vectors pooled by length.
     */
    private static final class NetworkEmbeddings implements Embeddings {
        private final SimilarityArtifact artifact;
        private final ZooModel<TokenBatch, float[]> model;
        private final PredictorPool<TokenBatch, float[]> predictors;
        private final Function<String, int[]> tokenizer;
        private final Function<String, List<int[]>> chunker;
        private final BertTokenizer pieces;
        private final int maxBatchSize;

        /** @param pieces the teacher's word-piece tokenizer (owned), or null for a character encoder */
        NetworkEmbeddings(SimilarityArtifact artifact, ZooModel<TokenBatch, float[]> model, BertTokenizer pieces,
                          int maxBatchSize) {
            this.artifact = artifact;
            this.model = model;
            this.predictors = new PredictorPool<>(model::newPredictor);
            this.pieces = pieces;
            // the teacher reads [CLS] text [SEP], at most the encoder's 512 positions, as bge was trained
            this.tokenizer = pieces == null ? artifact.tokenizer()::ids
                    : text -> pieces.withSpecialTokens(firstPieces(pieces.tokenize(text), artifact.maxLength() - 2));
            this.chunker = pieces == null ? artifact.tokenizer()::chunkIds
                    : text -> pieces.chunks(text, artifact.maxLength() - 2).stream().map(pieces::withSpecialTokens).toList();
            this.maxBatchSize = maxBatchSize;
        }

        private static BertTokens firstPieces(BertTokens tokens, int max) {
            return tokens.size() <= max ? tokens : tokens.slice(0, max);
        }

        @Override
        public List<float[]> sentences(List<String> texts) throws TranslateException {
            return embed(texts.stream().map(tokenizer).toList());
        }

        @Override
        public List<float[]> documents(List<String> texts) throws TranslateException {
            List<int[]> pieces = new ArrayList<>();
            int[] firstPiece = new int[texts.size() + 1];
            for (int t = 0; t < texts.size(); t++) {
                firstPiece[t] = pieces.size();
                List<int[]> chunks = chunker.apply(texts.get(t));
                pieces.addAll(chunks.isEmpty() ? List.of(tokenizer.apply(texts.get(t))) : chunks);
            }
            firstPiece[texts.size()] = pieces.size();
            List<float[]> vectors = embed(pieces);
            List<float[]> documents = new ArrayList<>(texts.size());
            for (int t = 0; t < texts.size(); t++) {
                if (firstPiece[t + 1] - firstPiece[t] == 1) {
                    documents.add(vectors.get(firstPiece[t]));
                    continue;
                }
                float[] sum = new float[artifact.dimension()];
                for (int p = firstPiece[t]; p < firstPiece[t + 1]; p++) {
                    float weight = pieces.get(p).length;
                    float[] vector = vectors.get(p);
                    for (int d = 0; d < sum.length; d++) {
                        sum[d] += weight * vector[d];
                    }
                }
                documents.add(UnitVectors.normalize(sum));
            }
            return documents;
        }

        /** Embeds id sequences in batches of similar length. */
        private List<float[]> embed(List<int[]> ids) throws TranslateException {
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
}
