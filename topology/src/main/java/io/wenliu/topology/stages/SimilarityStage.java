package io.wenliu.topology.stages;

import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import java.util.List;

/**
 * Puts the embedding of each whole document on its enriched record (one encoder call per
 * micro-batch; {@link SentenceEncoder#encodeDocuments}: a long text is embedded piece by piece, cut at
 * sentence ends, and the pieces averaged); the similarity index downstream reads it, and drops it from
 * the output unless configured otherwise.
 *
 * <p>Borrows the encoder from its {@link SimilarityStageFactory}. Not thread-safe: one stream task's thread.
 */
public final class SimilarityStage extends ModelStage {
    /** The stage's name in dead letters, metrics and {@code ModelVersion.stage}. */
    public static final String NAME = "similarity";

    private final SentenceEncoder encoder;

    SimilarityStage(SentenceEncoder encoder, List<ModelVersion> models) {
        super(NAME, models);
        this.encoder = encoder;
    }

    @Override
    void enrichLive(List<EnrichmentItem> live) throws Exception {
        List<float[]> vectors = encoder.encodeDocuments(live.stream().map(EnrichmentItem::text).toList());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).output().setEmbedding(OutputFields.embedding(vectors.get(i)));
        }
    }

}
