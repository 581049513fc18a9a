package io.wenliu.topology.stages;

import ai.djl.engine.EngineException;
import io.wenliu.models.inference.ModelClosedException;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.StageUnavailableException;
import java.util.List;
import org.tensorflow.exceptions.TFResourceExhaustedException;

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

    /**
     * Runs the model on the live documents. A failure of the model itself rather than of these
     * documents (a closed model, out of memory, a native or engine failure) is rethrown as
     * {@link StageUnavailableException}, so that it stops the service instead of dead-lettering the
     * stream.
     */
    @Override
    public final void enrich(List<EnrichmentItem> batch) throws Exception {
        List<EnrichmentItem> live = batch.stream().filter(item -> !item.isFailed()).toList();
        if (live.isEmpty()) {
            return;
        }
        try {
            enrichLive(live);
        } catch (Exception | VirtualMachineError | LinkageError e) {
            if (isSystemic(e)) {
                throw new StageUnavailableException(name, "The " + name + " model cannot run: " + e, e);
            }
            throw e;
        }
    }

    /** Whether {@code failure} or one of its causes says the model, not the input, is at fault. */
    static boolean isSystemic(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VirtualMachineError || t instanceof LinkageError || t instanceof ModelClosedException
                    || t instanceof EngineException || t instanceof TFResourceExhaustedException) {
                return true;
            }
        }
        return false;
    }

    /** Enriches documents that have not failed (at least one); same contract as {@link #enrich}. */
    abstract void enrichLive(List<EnrichmentItem> live) throws Exception;

    @Override
    public final void close() {
        // the model belongs to the factory
    }
}
