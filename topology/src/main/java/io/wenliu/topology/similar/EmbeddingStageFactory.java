package io.wenliu.topology.similar;

import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.topology.enrich.EnrichmentStageFactory;

/**
 * A factory of stages that put an L2-normalised embedding of {@link #dimension()} components on
 * every document ({@code EnrichedDocument.embedding}). Deploying one turns on the streaming
 * similar-document index ({@link SimilarityTopology}) with its {@link #similarity()} settings.
 * At most one may be deployed.
 */
public interface EmbeddingStageFactory extends EnrichmentStageFactory {

    /**
     * Whether its stages write embeddings: a factory of stages that can (the one-pass student) may be deployed
     * without, and then the index does not run.
     */
    default boolean writesEmbeddings() {
        return true;
    }

    /** Number of components of the embeddings the stages write. */
    int dimension();

    /**
     * Where the embeddings lie, which shapes the LSH hyperplanes ({@link EmbeddingSpread}), or null: through the
     * origin. Learned embeddings tend to crowd into a narrow cone, which hyperplanes through the origin barely split.
     */
    default EmbeddingSpread spread() {
        return null;
    }

    /** How the index built on these embeddings works. */
    SimilaritySettings similarity();
}
