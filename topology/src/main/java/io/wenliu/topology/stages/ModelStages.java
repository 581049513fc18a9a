package io.wenliu.topology.stages;

import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.inference.StudentModel;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SimilarityArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.ReloadingUserDictionary;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.UserDictionary;
import io.wenliu.models.segment.UserDictionarySource;
import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.similar.SimilaritySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the enrichment stages of the operator's {@link ModelTask}s whose model artifacts are present. When the
 * models directory holds a one-pass student ({@code student/<version>/}), it is the one model stage
 * ({@link StudentStageFactory}: one network pass, the chosen tasks' heads decoded) and the single-task artifacts
 * beside it are not opened. Otherwise each chosen single-task artifact present is deployed, in pipeline order
 * (segmentation before the taggers that read its tokens); a model that is absent or not chosen is simply not
 * deployed (nor loaded): its output fields stay null. Which set runs is logged once at INFO. The caller owns and
 * closes the factories.
 */
public final class ModelStages {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStages.class);

    private ModelStages() {
    }

    /**
     * Opens the stages of every task with the default similarity index settings.
     *
     * @throws IllegalStateException when an artifact is present but cannot be loaded (a systemic
     *                               failure: the service must not start half-configured)
     */
    public static List<EnrichmentStageFactory> open(ModelSettings settings) {
        return open(settings, ModelTask.all(), SimilaritySettings::defaults);
    }

    /**
     * Opens the stages of {@code tasks}; the similarity index, when its model is deployed, takes the settings that
     * {@code similarity} makes from the scores the model suggests ({@link SimilarityStageFactory#scores}):
     * the app applies its configuration so.
     *
     * @throws IllegalStateException when an artifact is present but cannot be loaded (a systemic
     *                               failure: the service must not start half-configured)
     */
    public static List<EnrichmentStageFactory> open(ModelSettings settings, Set<ModelTask> tasks,
                                                    Function<SimilaritySettings.ModelScores, SimilaritySettings> similarity) {
        Optional<Path> student = ModelArtifact.latestVersion(settings.modelsDirectory(), StudentArtifact.MODEL);
        if (student.isPresent()) {
            LOG.info("Deploying the one-pass student {} as the one model stage (heads {}); the single-task artifacts "
                    + "under {} are not opened", student.get(), ModelTask.names(tasks), settings.modelsDirectory().toAbsolutePath());
            return List.of(openStudent(student.get(), settings, tasks, similarity));
        }
        List<EnrichmentStageFactory> stages = new ArrayList<>();
        try {
            Optional<Path> segmenter = chosen(settings, tasks, ModelTask.SEGMENTATION, Segmenter.MODEL);
            if (segmenter.isPresent()) {
                stages.add(new SegmentationStageFactory(Segmenter.open(segmenter.get(), settings)));
            }
            Optional<Path> pos = chosen(settings, tasks, ModelTask.POS, PosTagger.MODEL);
            if (pos.isPresent() && segmenter.isPresent()) { // it tags the segmenter's tokens
                stages.add(new PosStageFactory(PosTagger.open(pos.get(), settings)));
            } else if (pos.isPresent()) {
                LOG.warn("Part-of-speech model {} not deployed: it tags the segmenter's tokens, and no segmenter "
                        + "artifact is under {}", pos.get(), settings.modelsDirectory().toAbsolutePath());
            }
            Optional<Path> ner = chosen(settings, tasks, ModelTask.NER, EntityRecognizer.MODEL);
            if (ner.isPresent()) {
                stages.add(new NerStageFactory(EntityRecognizer.open(ner.get(), settings)));
            }
            Optional<Path> sentiment = chosen(settings, tasks, ModelTask.SENTIMENT, SentimentModel.MODEL);
            if (sentiment.isPresent()) {
                stages.add(new SentimentStageFactory(SentimentModel.open(sentiment.get(), settings)));
            }
            Optional<Path> similarityModel = chosen(settings, tasks, ModelTask.SIMILARITY, SimilarityArtifact.MODEL);
            if (similarityModel.isPresent()) {
                SentenceEncoder encoder = SentenceEncoder.open(similarityModel.get(), settings.device(),
                        settings.maxBatchSize());
                try {
                    stages.add(new SimilarityStageFactory(encoder,
                            similarity.apply(SimilarityStageFactory.scores(encoder))));
                } catch (RuntimeException e) {
                    encoder.close(); // not yet owned by a factory in stages
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            stages.forEach(EnrichmentStageFactory::close); // nothing half-open leaks native memory
            throw e;
        }
        LOG.info("Deploying the single-task models under {}: {}", settings.modelsDirectory().toAbsolutePath(),
                stages.stream().map(EnrichmentStageFactory::name).toList());
        return stages;
    }

    /** The latest artifact of {@code model} if {@code task} is chosen; an artifact left out by the operator is said once. */
    private static Optional<Path> chosen(ModelSettings settings, Set<ModelTask> tasks, ModelTask task, String model) {
        Optional<Path> artifact = ModelArtifact.latestVersion(settings.modelsDirectory(), model);
        if (artifact.isPresent() && !tasks.contains(task)) {
            LOG.info("Model {} not deployed: {} is not among the chosen tasks {}", artifact.get(), task.stageName(),
                    ModelTask.names(tasks));
            return Optional.empty();
        }
        return artifact;
    }

    private static StudentStageFactory openStudent(Path artifact, ModelSettings settings, Set<ModelTask> tasks,
                                                   Function<SimilaritySettings.ModelScores, SimilaritySettings> similarity) {
        UserDictionarySource dictionary = settings.userDictionary() == null ? UserDictionary::empty
                : new ReloadingUserDictionary(settings.userDictionary());
        StudentModel model = StudentModel.open(artifact, settings);
        try {
            return new StudentStageFactory(model, dictionary, similarity.apply(StudentStageFactory.scores(model.artifact())),
                    tasks);
        } catch (RuntimeException e) {
            model.close(); // not yet owned by a factory
            throw e;
        }
    }
}
