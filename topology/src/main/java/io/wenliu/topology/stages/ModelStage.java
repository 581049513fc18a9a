package io.wenliu.topology.stages;

import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.util.List;

/**
 * A stage that runs a model its factory owns (loaded once per JVM, shared by the stream tasks) on the
 * documents of a batch that no earlier stage failed. Subclasses fill their fields of the output; there
 * is nothing of their own to close. Used from one stream thread.
 */
abstract class ModelStage implements EnrichmentStage {
    private final String name;
    private final List<ModelVersion> models;

    ModelStage(String name, List<ModelVersion> models) {
        this.name = name;
        this.models = List.copyOf(models);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<ModelVersion> models() {
        return models;
    }

    @Override
    public final void enrich(List<EnrichmentItem> batch) throws Exception {
        List<EnrichmentItem> live = batch.stream().filter(item -> !item.isFailed()).toList();
        if (!live.isEmpty()) {
            enrichLive(live);
        }
    }

    /** Enriches documents that have not failed (at least one); same contract as {@link #enrich}. */
    abstract void enrichLive(List<EnrichmentItem> live) throws Exception;

    @Override
    public final void close() {
        // the model belongs to the factory
    }
}
