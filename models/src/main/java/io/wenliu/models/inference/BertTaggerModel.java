package io.wenliu.models.inference;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.CharacterPieces;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.runtime.TensorFlowRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A character-tagger teacher (fine-tuned BERT with a CRF head, {@link TeacherSavedModel#materializeTagger})
 * scoring sequences of <em>code points</em> (its input ids are the normalized characters themselves: it
 * reads word pieces, not a character vocabulary). Each sequence is tokenized by bge's tokenizer and each
 * character gets the CRF scores of the piece that covers it ({@link CharacterPieces}); sequences are
 * sorted by length and sent at most {@code maxBatchSize} at a time, pieces and characters padded to the
 * batch's longest. Owns the DJL model, its predictors and the tokenizer; thread-safe as
 * {@link TaggerModel} is (the tokenizer is thread-safe).
 */
public final class BertTaggerModel implements SequenceScorer {
    /** The encoder's 512 positions less [CLS] and [SEP]; a character never yields more than one piece. */
    public static final int MAX_LENGTH = 510;

    /** A padded batch: piece ids [size × pieces] and each character's piece [size × characters]. */
    record PieceBatch(int[] ids, int[] characterPieces, int size, int pieces, int characters) {
    }

    private final ZooModel<PieceBatch, EmissionScores> model;
    private final PredictorPool<PieceBatch, EmissionScores> predictors;
    private final BertTokenizer tokenizer;
    private final int maxBatchSize;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BertTaggerModel(ZooModel<PieceBatch, EmissionScores> model, BertTokenizer tokenizer, int maxBatchSize) {
        this.model = model;
        this.predictors = new PredictorPool<>(model::newPredictor);
        this.tokenizer = tokenizer;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Materializes (unless cached) and loads the teacher artifact in {@code artifactDir} on {@code device}.
     *
     * @throws IllegalStateException when the SavedModel cannot be built or loaded (a systemic failure)
     */
    public static BertTaggerModel load(Path artifactDir, String device, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        Path savedModel = TeacherSavedModel.materializeTagger(artifactDir);
        TensorFlowRuntime.engine();
        Criteria<PieceBatch, EmissionScores> criteria = Criteria.builder()
                .setTypes(PieceBatch.class, EmissionScores.class)
                .optEngine(TensorFlowRuntime.ENGINE)
                .optDevice(TensorFlowRuntime.device(device))
                .optModelPath(savedModel)
                .optOption("ConfigProto", TensorFlowRuntime.sessionConfig(device))
                .optTranslator(new PieceTranslator())
                .build();
        try {
            return new BertTaggerModel(criteria.loadModel(), BertTokenizer.bgeSmallZh(), maxBatchSize);
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("Cannot load the teacher SavedModel " + savedModel.toAbsolutePath()
                    + ": " + e.getMessage() + "; delete it to have it materialized again", e);
        }
    }

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    /**
     * The CRF scores of each code-point sequence, in the order given.
     *
     * @param sequences normalized code points, none longer than {@link #maxLength()}
     */
    @Override
    public List<SequenceScores> score(List<int[]> sequences) throws TranslateException {
        record Part(int sequence, CharacterPieces.Chunk chunk) {
        }
        List<Part> parts = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            for (CharacterPieces.Chunk chunk : CharacterPieces.chunks(tokenizer, sequences.get(s), MAX_LENGTH, MAX_LENGTH)) {
                parts.add(new Part(s, chunk));
            }
        }
        parts.sort(Comparator.comparingInt((Part p) -> p.chunk().ids().length));
        float[][] emissions = new float[sequences.size()][];
        float[] transitions = new float[0];
        for (int from = 0; from < parts.size(); from += maxBatchSize) {
            List<Part> batch = parts.subList(from, Math.min(parts.size(), from + maxBatchSize));
            int pieces = batch.stream().mapToInt(p -> p.chunk().ids().length).max().orElseThrow();
            int characters = batch.stream().mapToInt(p -> p.chunk().length()).max().orElseThrow();
            int[] ids = new int[batch.size() * pieces]; // 0 is [PAD]
            int[] characterPieces = new int[batch.size() * characters]; // 0 ([CLS]) at padding
            for (int row = 0; row < batch.size(); row++) {
                CharacterPieces.Chunk chunk = batch.get(row).chunk();
                System.arraycopy(chunk.ids(), 0, ids, row * pieces, chunk.ids().length);
                System.arraycopy(chunk.characterPieces(), 0, characterPieces, row * characters, chunk.length());
            }
            EmissionScores out = predictors.predict(new PieceBatch(ids, characterPieces, batch.size(), pieces, characters));
            transitions = out.transitions();
            for (int row = 0; row < batch.size(); row++) {
                Part part = batch.get(row);
                int length = sequences.get(part.sequence()).length;
                if (emissions[part.sequence()] == null) {
                    emissions[part.sequence()] = new float[length * out.tags()];
                }
                System.arraycopy(out.emissions(), out.offset(row), emissions[part.sequence()],
                        part.chunk().from() * out.tags(), part.chunk().length() * out.tags());
            }
        }
        List<SequenceScores> scores = new ArrayList<>(sequences.size());
        for (int s = 0; s < sequences.size(); s++) {
            float[] e = emissions[s] == null ? new float[0] : emissions[s];
            scores.add(new SequenceScores(e, 0, sequences.get(s).length, e.length == 0 ? new float[0] : transitions));
        }
        return scores;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (model; tokenizer) {
            predictors.close();
        }
    }

    /** Feeds a {@link PieceBatch} to the tagging signature and reads back its CRF scores. Stateless. */
    private static final class PieceTranslator implements NoBatchifyTranslator<PieceBatch, EmissionScores> {
        private static final String BATCH = "batch";

        @Override
        public NDList processInput(TranslatorContext ctx, PieceBatch batch) {
            ctx.setAttachment(BATCH, batch);
            NDArray ids = ctx.getNDManager().create(batch.ids(), new Shape(batch.size(), batch.pieces()));
            ids.setName(TeacherSavedModel.INPUT_TOKEN_IDS);
            NDArray pieces = ctx.getNDManager().create(batch.characterPieces(), new Shape(batch.size(), batch.characters()));
            pieces.setName(TeacherSavedModel.INPUT_CHARACTER_PIECES);
            return new NDList(ids, pieces);
        }

        @Override
        public EmissionScores processOutput(TranslatorContext ctx, NDList output) {
            PieceBatch batch = (PieceBatch) ctx.getAttachment(BATCH);
            return EmissionsTranslator.scores(output, batch.size(), batch.characters());
        }
    }
}
