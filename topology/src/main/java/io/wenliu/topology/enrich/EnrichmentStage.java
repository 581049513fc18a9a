package io.wenliu.topology.enrich;

import io.wenliu.serdes.avro.ModelVersion;
import java.util.List;

/**
 * One model step of the pipeline (segmentation, tagging, sentiment, similarity) run on
 * micro-batches of validated documents.
 *
 * <p>Lifecycle: created by {@link EnrichmentStageFactory#newStage()} once per processor instance
 * (one per stream task), used from that task's thread only, closed by the processor that created
 * it. Not thread-safe. Stages run in the order they were configured, so a later stage may read
 * what an earlier one wrote (tagging reads tokens).
 */
public interface EnrichmentStage extends AutoCloseable {

    /** Stable name, used in dead letters, metrics and {@link ModelVersion#getStage()}: "segmentation". */
    String name();

    /** The models this stage runs, recorded in every enriched document it touched. */
    List<ModelVersion> models();

    /**
     * Enriches every item of the batch by setting fields on {@link EnrichmentItem#output()}.
     *
     * <p>A problem confined to one document is reported with {@link EnrichmentItem#fail}; that
     * document then goes to the dead-letter topic and later stages skip it. Throwing fails the
     * whole batch: the caller then retries the documents one at a time so that only the ones that
     * still fail are dead-lettered. Systemic failures found at start-up (a missing model, a broken
     * native library) throw {@link IllegalStateException} from the factory; a stage that cannot run
     * at all later (its model closed, out of memory) throws {@link StageUnavailableException}, which
     * is retried with back-off and then stops the service: it never becomes a dead letter.
     */
    void enrich(List<EnrichmentItem> batch) throws Exception;

    @Override
    void close();
}
