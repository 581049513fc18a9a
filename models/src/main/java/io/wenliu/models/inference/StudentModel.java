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
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.runtime.TensorFlowRuntime;
import io.wenliu.models.student.SentimentNgrams;
import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.student.TaggingHead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one-pass student served through DJL: one network call per batch returns every head's output, the three
 * taggers' CRF scores, the sentiment logit and the document embedding. Shaped as DJL is: {@link #criteria} says
 * which model and how to read it, a {@link PredictorPool} holds the per-thread predictors, and a translator does
 * the tensor work only ({@code token_ids} in, the eight outputs out).
 *
 * <p>For each call of {@link #run}:
 * <ol>
 *   <li>each text is normalized ({@link NormalizedText}); each position's input is its id in the shared
 *       {@code vocab.txt}, an unseen character the unknown id, as the single-task taggers read characters;</li>
 *   <li>every position of an emoji is read as an exclamation mark ({@link CharacterTagging#readEmojiAsExclamation}),
 *       for all heads, since the heads share one input: the student never saw emoji (its corpora hold none), and
 *       for the NER head an unknown character looks like the rare character of a name, while an exclamation mark is
 *       what an emoji most often stands for in a sentence; the segmentation and POS decoders keep an emoji one word
 *       tagged {@code SYM} whatever the scores say;</li>
 *   <li>texts longer than the longest text the student was trained on are cut at sentence punctuation, never inside
 *       an atomic run ({@link CharacterTagging#cut}), and all pieces of all texts go to the network in
 *       {@link LengthBuckets}: one call per padded length (at most {@code maxBatchSize} pieces a call);</li>
 *   <li>each text gets its pieces' CRF scores at their positions ({@link ScoredText}, one per tagging head: decode
 *       them with {@code SegmentationDecoder}, {@code PosDecoder}, {@code EntityDecoder}), the mean of its pieces'
 *       sentiment logits and the mean of their embeddings, each piece weighted by its length so that every
 *       character counts the same whichever piece it fell in (as {@code SentimentClassifier} and
 *       {@code SentenceEncoder#encodeDocuments} combine pieces), the embedding scaled back to unit length, for the
 *       mean of unit vectors is shorter than one and the similarity index compares unit vectors;</li>
 *   <li>where the artifact holds {@link SentimentNgrams} (the n-grams of the whole text), the sentiment logit is that
 *       of the mean of the network's probability and theirs ({@link SentimentNgrams#combine}).</li>
 * </ol>
 * DJL's TensorFlow engine fetches every output of the signature, so every head is computed on every call.
 *
 * <p>Owns the DJL model and its predictors (load it once per JVM); {@link #close()} frees them. A call after
 * {@code close} throws {@link ModelClosedException}; an engine failure surfaces as DJL throws it. Thread-safe:
 * concurrent calls use separate predictors.
 */
public final class StudentModel implements AutoCloseable {

    /** One call of the student network: what DJL's predictor does in production, a fixed table in tests. */
    @FunctionalInterface
    public interface Network {
        BatchOutput predict(TokenBatch batch) throws TranslateException;
    }

    /**
     * Every head's output for one {@link TokenBatch}, copied out of native memory.
     *
     * @param sentimentLogits one per row
     * @param embeddings      {@code size × dimension}, row-major
     */
    public record BatchOutput(EmissionScores segmentation, EmissionScores pos, EmissionScores ner, float[] sentimentLogits,
                              float[] embeddings) {
    }

    private final StudentArtifact artifact;
    private final Network network;
    private final Optional<SentimentNgrams> ngrams;
    private final Runnable release;
    private final LengthBuckets buckets;
    private final int maxBatchSize;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StudentModel(StudentArtifact artifact, Network network, Optional<SentimentNgrams> ngrams, Runnable release,
                         int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.artifact = artifact;
        this.network = network;
        this.ngrams = ngrams;
        this.release = release;
        this.buckets = LengthBuckets.upTo(artifact.maxLength());
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Loads the student artifact in {@code directory} with the device and batch size of {@code settings}.
     *
     * @throws IllegalStateException when the artifact cannot be read or loaded (a systemic failure)
     */
    public static StudentModel open(Path directory, ModelSettings settings) {
        StudentArtifact artifact = StudentArtifact.load(directory);
        Optional<SentimentNgrams> ngrams = SentimentNgrams.read(directory);
        Path savedModel = artifact.savedModel();
        try {
            ZooModel<TokenBatch, BatchOutput> model = criteria(artifact, savedModel, settings.device()).loadModel();
            PredictorPool<TokenBatch, BatchOutput> predictors = new PredictorPool<>(model::newPredictor);
            return new StudentModel(artifact, predictors::predict, ngrams, () -> {
                try (model) {
                    predictors.close();
                }
            }, settings.maxBatchSize());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("Cannot load the SavedModel " + savedModel.toAbsolutePath()
                    + ": " + e.getMessage() + "; re-export it with 'wenliu train student'", e);
        }
    }

    /**
     * A student over any {@code network} with the artifact's vocabulary, labels and dimension, e.g. a fixed table
     * in the tests of code that uses one; production code calls {@link #open}. Closing it closes nothing else.
     */
    public static StudentModel of(StudentArtifact artifact, Network network, int maxBatchSize) {
        return of(artifact, network, null, maxBatchSize);
    }

    /** As {@link #of(StudentArtifact, Network, int)}, with the sentiment n-grams {@code ngrams} (or null: none). */
    public static StudentModel of(StudentArtifact artifact, Network network, SentimentNgrams ngrams, int maxBatchSize) {
        return new StudentModel(artifact, network, Optional.ofNullable(ngrams), () -> { }, maxBatchSize);
    }

    /** Which model to load and how to feed and read it: the artifact's {@code savedModel} on {@code device}. */
    static Criteria<TokenBatch, BatchOutput> criteria(StudentArtifact artifact, Path savedModel, String device) {
        TensorFlowRuntime.engine();
        return Criteria.builder()
                .setTypes(TokenBatch.class, BatchOutput.class)
                .optEngine(TensorFlowRuntime.ENGINE)
                .optDevice(TensorFlowRuntime.device(device))
                .optModelPath(savedModel)
                .optOption("ConfigProto", TensorFlowRuntime.sessionConfig(device))
                .optTranslator(new StudentTranslator(artifact.dimension()))
                .build();
    }

    public StudentArtifact artifact() {
        return artifact;
    }

    /**
     * Every head's output for each text, in the order given, from one network call per padded length.
     *
     * @throws ModelClosedException when this model was closed
     */
    public List<StudentOutput> run(List<String> texts) throws TranslateException {
        if (closed.get()) {
            throw new ModelClosedException("The student model " + artifact.directory() + " is closed");
        }
        List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
        List<int[]> ids = new ArrayList<>(texts.size());
        for (NormalizedText text : normalized) {
            int[] textIds = CharacterTagging.ids(text, artifact.vocabulary()::id);
            CharacterTagging.readEmojiAsExclamation(text, textIds, artifact.vocabulary()::id);
            ids.add(textIds);
        }
        CharacterTagging.Pieces pieces = CharacterTagging.cut(normalized, ids, buckets.maxLength());
        List<int[]> sequences = pieces.sequences();
        int n = sequences.size();
        SequenceScores[] segmentation = new SequenceScores[n];
        SequenceScores[] pos = new SequenceScores[n];
        SequenceScores[] ner = new SequenceScores[n];
        float[] logits = new float[n];
        float[][] embeddings = new float[n][];
        int dimension = artifact.dimension();
        for (LengthBuckets.Batch batch : buckets.batches(sequences, maxBatchSize)) {
            BatchOutput out = network.predict(batch.input());
            for (int row = 0; row < batch.sequences().length; row++) {
                int s = batch.sequences()[row];
                int length = sequences.get(s).length;
                segmentation[s] = scores(out.segmentation(), row, length);
                pos[s] = scores(out.pos(), row, length);
                ner[s] = scores(out.ner(), row, length);
                logits[s] = out.sentimentLogits()[row];
                embeddings[s] = Arrays.copyOfRange(out.embeddings(), row * dimension, (row + 1) * dimension);
            }
        }
        List<ScoredText> segmented = pieces.scored(Arrays.asList(segmentation));
        List<ScoredText> tagged = pieces.scored(Arrays.asList(pos));
        List<ScoredText> recognized = pieces.scored(Arrays.asList(ner));
        double[] weightedLogit = new double[texts.size()];
        float[][] weightedEmbedding = new float[texts.size()][];
        int[] length = new int[texts.size()];
        int[] count = new int[texts.size()];
        for (int s = 0; s < n; s++) {
            int k = pieces.textOf(s);
            int weight = sequences.get(s).length;
            weightedLogit[k] += (double) weight * logits[s];
            weightedEmbedding[k] = weightedEmbedding[k] == null ? new float[dimension] : weightedEmbedding[k];
            for (int d = 0; d < dimension; d++) {
                weightedEmbedding[k][d] += weight * embeddings[s][d];
            }
            length[k] += weight;
            count[k]++;
        }
        List<StudentOutput> outputs = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            float logit = count[k] == 0 ? 0f : (float) (weightedLogit[k] / length[k]);
            if (count[k] > 0 && ngrams.isPresent()) {
                logit = SentimentNgrams.combine(logit, ngrams.get().logit(normalized.get(k).codePoints()));
            }
            float[] embedding = count[k] == 0 ? null : UnitVectors.normalize(weightedEmbedding[k]);
            outputs.add(new StudentOutput(segmented.get(k), tagged.get(k), recognized.get(k), logit, count[k], embedding));
        }
        return outputs;
    }

    /**
     * One tagging head as a {@link SequenceScorer} of vocabulary-id sequences, for the text-in taggers
     * ({@code Segmenter}, {@code PosTagger}, {@code EntityRecognizer}), which normalize, cut and decode as they do for
     * a character network; only an emoji reads differently ({@link #run} shows every head an exclamation mark, the
     * taggers the unknown id). One network call per padded length computes every head; this view keeps one.
     * Closing it closes this model.
     */
    public SequenceScorer scorer(TaggingHead head) {
        return new SequenceScorer() {
            @Override
            public int maxLength() {
                return buckets.maxLength();
            }

            @Override
            public List<SequenceScores> score(List<int[]> sequences) throws TranslateException {
                if (closed.get()) {
                    throw new ModelClosedException("The student model " + artifact.directory() + " is closed");
                }
                SequenceScores[] scores = new SequenceScores[sequences.size()];
                for (LengthBuckets.Batch batch : buckets.batches(sequences, maxBatchSize)) {
                    BatchOutput out = network.predict(batch.input());
                    EmissionScores emissions = switch (head) {
                        case SEGMENTATION -> out.segmentation();
                        case POS -> out.pos();
                        case NER -> out.ner();
                    };
                    for (int row = 0; row < batch.sequences().length; row++) {
                        int s = batch.sequences()[row];
                        scores[s] = scores(emissions, row, sequences.get(s).length);
                    }
                }
                return Arrays.asList(scores);
            }

            @Override
            public void close() {
                StudentModel.this.close();
            }
        };
    }

    private static SequenceScores scores(EmissionScores batch, int row, int length) {
        return new SequenceScores(batch.emissions(), batch.offset(row), length, batch.transitions());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        release.run();
    }

    /** Feeds a {@link TokenBatch} to the student's signature and reads back every head's output. Immutable. */
    private static final class StudentTranslator implements NoBatchifyTranslator<TokenBatch, BatchOutput> {
        private static final String BATCH = "batch";
        private final int dimension;

        StudentTranslator(int dimension) {
            this.dimension = dimension;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
            ctx.setAttachment(BATCH, batch);
            NDArray ids = ctx.getNDManager().create(batch.ids(), new Shape(batch.size(), batch.width()));
            ids.setName(StudentSignature.INPUT_TOKEN_IDS); // DJL matches tensors to the signature by name
            return new NDList(ids);
        }

        @Override
        public BatchOutput processOutput(TranslatorContext ctx, NDList output) {
            TokenBatch batch = (TokenBatch) ctx.getAttachment(BATCH);
            float[] logits = required(output, StudentSignature.OUTPUT_SENTIMENT_LOGIT).toFloatArray();
            float[] embeddings = required(output, StudentSignature.OUTPUT_EMBEDDING).toFloatArray();
            if (logits.length != batch.size() || embeddings.length != batch.size() * dimension) {
                throw new IllegalStateException("The student returned " + logits.length + " logits and " + embeddings.length
                        + " embedding components for " + batch.size() + " texts of dimension " + dimension
                        + "; does its manifest match its SavedModel?");
            }
            return new BatchOutput(head(output, TaggingHead.SEGMENTATION, batch), head(output, TaggingHead.POS, batch),
                    head(output, TaggingHead.NER, batch), logits, embeddings);
        }

        private static EmissionScores head(NDList output, TaggingHead head, TokenBatch batch) {
            NDArray transitions = required(output, head.transitionsOutput());
            int tags = (int) transitions.getShape().get(0);
            return new EmissionScores(required(output, head.emissionsOutput()).toFloatArray(), transitions.toFloatArray(),
                    batch.size(), batch.width(), tags);
        }

        private static NDArray required(NDList output, String name) {
            NDArray value = output.get(name);
            if (value == null) {
                throw new IllegalStateException("The model's outputs " + output.stream().map(NDArray::getName).toList()
                        + " lack '" + name + "'; is this a Wenliu student artifact?");
            }
            return value;
        }
    }
}
