package io.wenliu.topology.infer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.StageUnavailableException;
import java.time.Duration;
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
 *   <li>If a stage throws {@link StageUnavailableException} (the model, not the input, is at fault),
 *       the same call is repeated after each pause of the back-off schedule; if the stage is still
 *       unavailable after the last one, the exception escapes: a systemic failure stops the service
 *       and never turns the stream into dead letters.</li>
 * </ol>
 * Times each stage call ({@value #STAGE_LATENCY_METER}, tag {@code stage}).
 *
 * <p>Borrows its stages (the processor that created them closes them). Not thread-safe: one stream
 * task's thread.
 */
public final class EnrichmentPipeline {
    /** Timer of stage calls on a batch, tagged with {@code stage}. */
    public static final String STAGE_LATENCY_METER = "wenliu.stage.latency";
    /**
     * Pauses before each retry of an unavailable stage: 3.1 s in all, well within
     * {@code max.poll.interval.ms}, long enough for a transient accelerator memory spike to pass.
     */
    public static final List<Duration> DEFAULT_BACK_OFF = List.of(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600));

    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentPipeline.class);

    private final List<EnrichmentStage> stages;
    private final MeterRegistry registry;
    private final List<Duration> backOff;

    public EnrichmentPipeline(List<EnrichmentStage> stages, MeterRegistry registry) {
        this(stages, registry, DEFAULT_BACK_OFF);
    }

    /** @param backOff pauses before the retries of an unavailable stage, one per retry */
    public EnrichmentPipeline(List<EnrichmentStage> stages, MeterRegistry registry, List<Duration> backOff) {
        this.stages = List.copyOf(stages);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.backOff = List.copyOf(backOff);
    }

    /**
     * Runs every stage on the batch.
     *
     * @throws StageUnavailableException if a stage stayed unavailable through every retry
     */
    public void run(List<EnrichmentItem> batch) {
        for (EnrichmentStage stage : stages) {
            List<EnrichmentItem> live = batch.stream().filter(item -> !item.isFailed()).toList();
            if (live.isEmpty()) {
                return;
            }
            try {
                callRetryingWhileUnavailable(stage, live);
            } catch (StageUnavailableException e) {
                throw e;
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
                callRetryingWhileUnavailable(stage, List.of(item));
            } catch (StageUnavailableException e) {
                throw e;
            } catch (Exception e) {
                item.fail(stage.name(), DeadLetterReason.STAGE_FAILED.code(), "Stage '" + stage.name()
                        + "' threw " + e.getClass().getSimpleName() + " on this document alone: " + e.getMessage(), e);
            }
        }
    }

    private void callRetryingWhileUnavailable(EnrichmentStage stage, List<EnrichmentItem> items) throws Exception {
        for (int retry = 0; ; retry++) {
            try {
                timed(stage, items);
                return;
            } catch (StageUnavailableException e) {
                if (retry == backOff.size()) {
                    throw new StageUnavailableException(stage.name(), "Stage '" + stage.name() + "' is still "
                            + "unavailable after " + backOff.size() + " retries: " + e.getMessage(), e);
                }
                LOG.warn("Stage {} is unavailable ({}); retry {} of {} in {} ms", stage.name(), e.getMessage(),
                        retry + 1, backOff.size(), backOff.get(retry).toMillis());
                pause(backOff.get(retry));
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry an unavailable stage", e);
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
