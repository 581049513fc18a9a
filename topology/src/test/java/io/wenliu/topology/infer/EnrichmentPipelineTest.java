package io.wenliu.topology.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.StageUnavailableException;
import io.wenliu.topology.output.EnrichedDocumentAssembler;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.FakeStages;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EnrichmentPipelineTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static List<EnrichmentItem> items(String... ids) {
        EnrichedDocumentAssembler assembler = new EnrichedDocumentAssembler();
        return Stream.of(ids).map(id -> Documents.document(id, "文本"))
                .map(document -> new EnrichmentItem(document, assembler.start(document))).toList();
    }

    @Test
    void shouldGiveLaterStagesOnlyTheItemsNoEarlierStageFailed() {
        FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
        List<EnrichmentItem> batch = items("a", "b", "c");

        new EnrichmentPipeline(List.of(FakeStages.rejecting("a", "c").newStage(), tokenizer.newStage()), registry)
                .run(batch);

        assertThat(batch).extracting(EnrichmentItem::isFailed).containsExactly(true, false, true);
        assertThat(tokenizer.batchSizes()).containsExactly(1);
        assertThat(batch.get(1).output().getTokens()).hasSize(2);
        assertThat(batch.get(0).output().getTokens()).isNull();
    }

    @Test
    void shouldRetryEachItemAloneWhenAStageThrowsAndFailOnlyThePoisonedOne() {
        FakeStages.Factory fragile = FakeStages.throwingOn("b");
        List<EnrichmentItem> batch = items("a", "b", "c", "d");

        new EnrichmentPipeline(List.of(fragile.newStage()), registry).run(batch);

        assertThat(batch).extracting(EnrichmentItem::isFailed).containsExactly(false, true, false, false);
        EnrichmentItem.StageFailure failure = batch.get(1).failure();
        assertThat(failure.stage()).isEqualTo("fragile");
        assertThat(failure.reasonCode()).isEqualTo(DeadLetterReason.STAGE_FAILED.code());
        assertThat(failure.cause()).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure.message()).contains("IllegalArgumentException", "cannot digest b");
        assertThat(fragile.batchSizes()).containsExactly(4, 1, 1, 1, 1);
    }

    @Test
    void shouldStopWhenEveryItemHasFailed() {
        FakeStages.Factory tokenizer = FakeStages.characterTokenizer();

        new EnrichmentPipeline(List.of(FakeStages.throwingOn("a").newStage(), tokenizer.newStage()), registry)
                .run(items("a"));

        assertThat(tokenizer.batchSizes()).isEmpty();
    }

    @Test
    void shouldTimeEveryStageCall() {
        new EnrichmentPipeline(List.of(FakeStages.throwingOn("b").newStage()), registry).run(items("a", "b"));

        assertThat(registry.get(EnrichmentPipeline.STAGE_LATENCY_METER).tag("stage", "fragile").timer().count())
                .isEqualTo(3);
    }

    @Test
    void shouldRetryAnUnavailableStageWithBackOffAndDeadLetterNothing() {
        FakeStages.Factory unavailable = FakeStages.unavailable(2);
        List<EnrichmentItem> batch = items("a", "b", "c");

        new EnrichmentPipeline(List.of(unavailable.newStage()), registry,
                List.of(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1))).run(batch);

        assertThat(unavailable.batchSizes()).as("the whole batch each time, never one by one").containsExactly(3, 3, 3);
        assertThat(batch).noneMatch(EnrichmentItem::isFailed);
    }

    @Test
    void shouldStopWithAClearErrorWhenAStageStaysUnavailable() {
        FakeStages.Factory unavailable = FakeStages.unavailable(Integer.MAX_VALUE);
        List<EnrichmentItem> batch = items("a", "b");
        EnrichmentPipeline pipeline = new EnrichmentPipeline(List.of(unavailable.newStage()), registry,
                List.of(Duration.ofMillis(1), Duration.ofMillis(1)));

        assertThatThrownBy(() -> pipeline.run(batch)).isInstanceOf(StageUnavailableException.class)
                .hasMessageContaining("still unavailable after 2 retries");
        assertThat(unavailable.batchSizes()).containsExactly(2, 2, 2);
        assertThat(batch).as("a systemic failure is no document's fault").noneMatch(EnrichmentItem::isFailed);
    }
}
