package io.wenliu.models.sentiment;

import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.inference.PredictorPool;
import io.wenliu.models.inference.SingleOutputTranslator;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.inference.StudentModel;
import io.wenliu.models.inference.TokenBatch;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.runtime.TensorFlowRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sentiment classifier artifact ({@code <models>/sentiment/<version>/}) loaded once per JVM
 * through DJL's TensorFlow engine: classifies documents of any length, chunked and combined as
 * {@link SentimentClassifier} documents.
 *
 * <p>Owns the DJL model and a {@link PredictorPool} of its predictors; {@link #close()} frees both
 * (idempotent).
 * Thread-safe: concurrent calls borrow separate predictors.
 */
public final class SentimentModel implements AutoCloseable {
    /** The artifact folder name under the models directory. */
    public static final String MODEL = "sentiment";

    private final ModelArtifact artifact;
    private final DocumentClassifier classifier;
    private final AutoCloseable resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SentimentModel(ModelArtifact artifact, DocumentClassifier classifier, AutoCloseable resources) {
        this.artifact = artifact;
        this.classifier = classifier;
        this.resources = resources;
    }

    private static SentimentClassifier characterClassifier(ModelArtifact artifact, ChunkLogits network, int maxBatchSize) {
        return new SentimentClassifier(artifact.vocabulary(), new SentimentChunker(artifact.maxLength()), network, maxBatchSize);
    }

    /**
     * A model over any network call on the artifact's ids, e.g. a fixed function in the tests of code
     * that uses a sentiment model; production code calls {@link #open}.
     */
    public static SentimentModel of(ModelArtifact artifact, ChunkLogits network, int maxBatchSize) {
        return new SentimentModel(artifact, characterClassifier(artifact, network, maxBatchSize), () -> { });
    }

    /**
     * Opens what {@code settings.modelsDirectory()} deploys for sentiment: the one-pass student's head when it
     * holds a student (as the stream does), else the highest version under {@code sentiment/}.
     *
     * @throws IllegalStateException when there is none or it cannot be loaded
     */
    public static SentimentModel open(ModelSettings settings) {
        Path dir = StudentArtifact.deployed(settings.modelsDirectory(), MODEL).orElseThrow(() ->
                new IllegalStateException("No sentiment artifact under " + settings.modelsDirectory().resolve(MODEL).toAbsolutePath()
                        + "; run 'wenliu train sentiment' or set wenliu.models.dir"));
        return open(dir, settings);
    }

    /**
     * Opens the artifact in {@code artifactDirectory} on the device and with the batch size of
     * {@code settings}: a character network, a teacher (fine-tuned BERT) whose SavedModel is first
     * materialized from its fine-tuned weights and the pre-trained encoder ({@link TeacherSavedModel}), or the
     * one-pass student, whose sentiment head gives each text its length-weighted logit ({@link StudentModel#run}).
     */
    public static SentimentModel open(Path artifactDirectory, ModelSettings settings) {
        if (StudentArtifact.isStudent(artifactDirectory)) {
            StudentModel student = StudentModel.open(artifactDirectory, settings);
            DocumentClassifier head = texts -> student.run(texts).stream()
                    .map(output -> SentimentPrediction.ofLogit(output.sentimentLogit(), output.pieces())).toList();
            return new SentimentModel(student.artifact().sentiment(), head, student);
        }
        boolean teacher = TeacherSavedModel.isTeacher(artifactDirectory);
        ModelArtifact artifact = teacher ? TeacherSavedModel.artifact(artifactDirectory) : ModelArtifact.load(artifactDirectory);
        if (!artifact.task().equals(MODEL)) {
            throw new IllegalStateException("The artifact " + artifactDirectory.toAbsolutePath() + " is a '" + artifact.task()
                    + "' model, not a sentiment classifier");
        }
        Path savedModel = teacher ? TeacherSavedModel.materialize(artifactDirectory) : artifact.savedModel();
        TensorFlowRuntime.engine();
        Criteria<TokenBatch, float[]> criteria = Criteria.builder()
                .setTypes(TokenBatch.class, float[].class)
                .optEngine(TensorFlowRuntime.ENGINE)
                .optDevice(TensorFlowRuntime.device(settings.device()))
                .optModelPath(savedModel)
                .optOption("ConfigProto", TensorFlowRuntime.sessionConfig(settings.device()))
                .optTranslator(new SingleOutputTranslator("logit", "sentiment"))
                .build();
        try {
            ZooModel<TokenBatch, float[]> model = criteria.loadModel();
            PredictorPool<TokenBatch, float[]> predictors = new PredictorPool<>(model::newPredictor);
            ChunkLogits network = (ids, batch, length) -> predictors.predict(new TokenBatch(ids, batch, length));
            BertTokenizer tokenizer = teacher ? BertTokenizer.bgeSmallZh() : null;
            DocumentClassifier classifier = teacher ? new BertSentimentClassifier(tokenizer, network, settings.maxBatchSize())
                    : characterClassifier(artifact, network, settings.maxBatchSize());
            return new SentimentModel(artifact, classifier, () -> {
                try (model; predictors) {
                    if (tokenizer != null) {
                        tokenizer.close();
                    }
                }
            });
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("Cannot load the SavedModel " + savedModel.toAbsolutePath()
                    + ": " + e.getMessage() + "; re-export it with 'wenliu train sentiment'", e);
        }
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    /** One prediction per text, in order; see {@link SentimentClassifier} for chunking and empty texts. */
    public List<SentimentPrediction> classify(List<String> texts) throws Exception {
        if (closed.get()) {
            throw new IllegalStateException("The sentiment model is closed");
        }
        return classifier.classify(texts);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the sentiment model " + artifact.directory(), e);
        }
    }
}
