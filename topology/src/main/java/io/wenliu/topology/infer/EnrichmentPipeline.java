package io.wenliu.topology.infer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrichment stages, in order, on one batch of items.
 *
 * <ol>
 *   <li>Each stage gets the items no earlier stage failed; an item a stage fails (with
 *       {@link EnrichmentItem#fail}) skips every later stage.</li>
 *   <li>If a stage throws, it is called again with each of those items alone, so one poison
 *       document cannot take its batch down: an item that still throws is failed with
 *       {@link DeadLetterReason#STAGE_FAILED}. An item the stage failed explicitly during the
 *       failed batch call keeps that failure.</li>
 * </ol>
 * Times each stage call ({@value #STAGE_LATENCY_METER}, tag {@code stage}).
 *
 * <p>Borrows its stages (the processor that created them closes them). Not thread-safe: one stream
 * task's thread.
 */
public final class EnrichmentPipeline {
    /** Timer of stage calls on a batch, tagged with {@code stage}. */
    public static final String STAGE_LATENCY_METER = "wenliu.stage.latency";

    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentPipeline.class);

    private final List<EnrichmentStage> stages;
    private final MeterRegistry registry;

    public EnrichmentPipeline(List<EnrichmentStage> stages, MeterRegistry registry) {
        this.stages = List.copyOf(stages);
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void run(List<EnrichmentItem> batch) {
        for (EnrichmentStage stage : stages) {
            List<EnrichmentItem> live = batch.stream().filter(item -> !item.isFailed()).toList();
            if (live.isEmpty()) {
                return;
            }
            try {
                timed(stage, live);
            } catch (Exception batchFailure) {
                LOG.warn("Stage {} failed on a batch of {} documents ({}); retrying them one at a time",
                        stage.name(), live.size(), batchFailure.toString());
                retryAlone(stage, live);
            }
        }
    }

    private void retryAlone(EnrichmentStage stage, List<EnrichmentItem> items) {
        for (EnrichmentItem item : items) {
            if (item.isFailed()) {
                continue;
            }
            try {
                timed(stage, List.of(item));
            } catch (Exception e) {
                item.fail(stage.name(), DeadLetterReason.STAGE_FAILED.code(), "Stage '" + stage.name()
                        + "' threw " + e.getClass().getSimpleName() + " on this document alone: " + e.getMessage(), e);
            }
        }
    }

    private void timed(EnrichmentStage stage, List<EnrichmentItem> items) throws Exception {
        Timer.Sample sample = Timer.start(registry);
        try {
            stage.enrich(items);
        } finally {
            sample.stop(Timer.builder(STAGE_LATENCY_METER).description("Time an enrichment stage takes per call")
                    .tag("stage", stage.name()).register(registry));
        }
    }
}
