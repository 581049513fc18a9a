package io.wenliu.topology.similar;

import io.wenliu.models.similarity.HashedNgramEmbedder;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedding stage without a model: hashed character n-gram vectors ({@link HashedNgramEmbedder}),
 * so texts that share most of their characters are near-duplicates. Thread-safe.
 */
final class NgramEmbeddingStages implements EmbeddingStageFactory {
    static final int DIMENSION = 64;
    private final HashedNgramEmbedder embedder = new HashedNgramEmbedder(DIMENSION);
    private final SimilaritySettings settings;

    NgramEmbeddingStages(SimilaritySettings settings) {
        this.settings = settings;
    }

    /** Small banding (8 × 6 bits) so that moderately similar texts meet; near-duplicates at cosine 0.8. */
    static SimilaritySettings testSettings() {
        return SimilaritySettings.defaults(0.8f).withBanding(8, 6).withScores(3, 0.3f, 0.8f);
    }

    @Override
    public String name() {
        return "similarity";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public SimilaritySettings similarity() {
        return settings;
    }

    float[] embed(String text) {
        return embedder.embed(text);
    }

    @Override
    public EnrichmentStage newStage() {
        return new EnrichmentStage() {
            @Override
            public String name() {
                return "similarity";
            }

            @Override
            public List<ModelVersion> models() {
                return List.of(new ModelVersion("similarity", "hashed-ngrams", "test"));
            }

            @Override
            public void enrich(List<EnrichmentItem> batch) {
                for (EnrichmentItem item : batch) {
                    float[] vector = embedder.embed(item.text());
                    List<Float> embedding = new ArrayList<>(vector.length);
                    for (float x : vector) {
                        embedding.add(x);
                    }
                    item.output().setEmbedding(embedding);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
