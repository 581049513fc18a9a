package io.wenliu.topology.stages;

import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the enrichment stages whose model artifacts are present, in pipeline order (segmentation
 * before the taggers that read its tokens). A model that is absent is simply not deployed: its
 * output fields stay null. The caller owns and closes the factories.
 */
public final class ModelStages {
    private ModelStages() {
    }

    /**
     * @throws IllegalStateException when an artifact is present but cannot be loaded (a systemic
     *                               failure: the service must not start half-configured)
     */
    public static List<EnrichmentStageFactory> open(ModelSettings settings) {
        List<EnrichmentStageFactory> stages = new ArrayList<>();
        // Each model issue adds its stage here (segmentation, ner/pos, sentiment, similarity).
        return stages;
    }
}
