package io.wenliu.topology.stages;

import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.similar.EmbeddingStageFactory;
import io.wenliu.topology.similar.SimilaritySettings;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link SimilarityStage}s sharing one {@link SentenceEncoder} (weights loaded once per JVM,
 * one predictor per concurrent call). Being an {@link EmbeddingStageFactory}, its presence turns on
 * the streaming similar-document index with its {@link SimilaritySettings}.
 *
 * <p>Owns the encoder and closes it in {@link #close()}, after Kafka Streams has closed the stages.
 * Thread-safe.
 */
public final class SimilarityStageFactory implements EmbeddingStageFactory {
    /** The lowest default near-duplicate threshold, whatever the model's own threshold. */
    static final float NEAR_DUPLICATE_FLOOR = 0.98f;

    private final SentenceEncoder encoder;
    private final SimilaritySettings settings;
    private final ModelVersion version;

    /**
     * @param encoder  owned from now on
     * @param settings the index settings; {@link SimilaritySettings#defaults(SimilaritySettings.ModelScores)}
     *                 with {@link #scores(SentenceEncoder)} suits most uses
     */
    public SimilarityStageFactory(SentenceEncoder encoder, SimilaritySettings settings) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.version = ModelVersion.newBuilder().setStage(SimilarityStage.NAME)
                .setName(encoder.artifact().name()).setVersion(encoder.artifact().version()).build();
    }

    /**
     * The scores {@code encoder} suggests: as minimum score its measured document minimum score (see
     * {@code wenliu eval similar-documents}); as near-duplicate threshold max(0.98, its same-meaning
     * threshold). A near-duplicate is stricter than a paraphrase: with similarity v1, unrelated news
     * sentences score about 0.95 while a copy differing in punctuation scores 0.99.
     */
    public static SimilaritySettings.ModelScores scores(SentenceEncoder encoder) {
        return scores(encoder.documentMinScore(), encoder.threshold());
    }

    /**
     * The scores a model with this measured document minimum score and same-meaning threshold suggests: the
     * minimum score, and max(0.98, the threshold) as near-duplicate threshold.
     */
    static SimilaritySettings.ModelScores scores(float documentMinScore, float threshold) {
        return new SimilaritySettings.ModelScores(documentMinScore, Math.max(NEAR_DUPLICATE_FLOOR, threshold));
    }

    @Override
    public String name() {
        return SimilarityStage.NAME;
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public EmbeddingSpread spread() {
        return encoder.artifact().spread();
    }

    @Override
    public SimilaritySettings similarity() {
        return settings;
    }

    @Override
    public EnrichmentStage newStage() {
        return new SimilarityStage(encoder, List.of(version));
    }

    @Override
    public void close() {
        encoder.close();
    }
}
