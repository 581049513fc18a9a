package io.wenliu.topology.similar;

import io.wenliu.models.similarity.HashedNgramEmbedder;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An embedding stage without a model: hashed character n-gram vectors ({@link HashedNgramEmbedder}),
 * under which texts sharing most of their characters are close. Enough to find near-duplicates
 * (re-posts, small edits) without a trained encoder; used by tests and benchmarks of the index.
 * Holds nothing that needs closing. Thread-safe.
 */
public final class NgramEmbeddingStageFactory implements EmbeddingStageFactory {
    /** The stage name, shared with the model-based similarity stage. */
    public static final String NAME = "similarity";

    private final HashedNgramEmbedder embedder;
    private final SimilaritySettings settings;
    private final ModelVersion version;

    public NgramEmbeddingStageFactory(int dimension, SimilaritySettings settings) {
        this.embedder = new HashedNgramEmbedder(dimension);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.version = new ModelVersion(NAME, "hashed-char-ngrams-" + dimension, "1");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return embedder.dimension();
    }

    @Override
    public SimilaritySettings similarity() {
        return settings;
    }

    /** The embedding the stages write for {@code text}. */
    public float[] embed(String text) {
        return embedder.embed(text);
    }

    @Override
    public EnrichmentStage newStage() {
        return new EnrichmentStage() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public List<ModelVersion> models() {
                return List.of(version);
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
