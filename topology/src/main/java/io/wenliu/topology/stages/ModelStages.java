package io.wenliu.topology.stages;

import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SimilarityArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.similar.SimilaritySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the enrichment stages whose model artifacts are present, in pipeline order (segmentation
 * before the taggers that read its tokens). A model that is absent is simply not deployed: its
 * output fields stay null. The caller owns and closes the factories.
 */
public final class ModelStages {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStages.class);

    private ModelStages() {
    }

    /**
     * Opens the stages with the default similarity index settings.
     *
     * @throws IllegalStateException when an artifact is present but cannot be loaded (a systemic
     *                               failure: the service must not start half-configured)
     */
    public static List<EnrichmentStageFactory> open(ModelSettings settings) {
        return open(settings, SimilaritySettings::defaults);
    }

    /**
     * Opens the stages; the similarity index, when its model is deployed, takes the settings that
     * {@code similarity} makes from the scores the model suggests ({@link SimilarityStageFactory#scores}):
     * the app applies its configuration so.
     *
     * @throws IllegalStateException when an artifact is present but cannot be loaded (a systemic
     *                               failure: the service must not start half-configured)
     */
    public static List<EnrichmentStageFactory> open(ModelSettings settings,
                                                    Function<SimilaritySettings.ModelScores, SimilaritySettings> similarity) {
        List<EnrichmentStageFactory> stages = new ArrayList<>();
        try {
            Optional<Path> segmenter = ModelArtifact.latestVersion(settings.modelsDirectory(), Segmenter.MODEL);
            if (segmenter.isPresent()) {
                stages.add(new SegmentationStageFactory(Segmenter.open(segmenter.get(), settings)));
            }
            Optional<Path> pos = ModelArtifact.latestVersion(settings.modelsDirectory(), PosTagger.MODEL);
            if (pos.isPresent() && segmenter.isPresent()) { // it tags the segmenter's tokens
                stages.add(new PosStageFactory(PosTagger.open(pos.get(), settings)));
            } else if (pos.isPresent()) {
                LOG.warn("Part-of-speech model {} not deployed: it tags the segmenter's tokens, and no segmenter "
                        + "artifact is under {}", pos.get(), settings.modelsDirectory().toAbsolutePath());
            }
            Optional<Path> ner = ModelArtifact.latestVersion(settings.modelsDirectory(), EntityRecognizer.MODEL);
            if (ner.isPresent()) {
                stages.add(new NerStageFactory(EntityRecognizer.open(ner.get(), settings)));
            }
            Optional<Path> sentiment = ModelArtifact.latestVersion(settings.modelsDirectory(), SentimentModel.MODEL);
            if (sentiment.isPresent()) {
                stages.add(new SentimentStageFactory(SentimentModel.open(sentiment.get(), settings)));
            }
            Optional<Path> similarityModel =
                    ModelArtifact.latestVersion(settings.modelsDirectory(), SimilarityArtifact.MODEL);
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
        return stages;
    }
}
