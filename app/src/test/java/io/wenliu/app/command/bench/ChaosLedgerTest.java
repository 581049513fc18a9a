package io.wenliu.app.command.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.EnrichedDocument;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosLedgerTest {
    private static final Instant TIME = Instant.parse("2026-12-04T00:00:00Z");

    private static PipelineOutput enriched(String source) {
        return new PipelineOutput.Enriched("id", source, EnrichedDocument.newBuilder().setId("id").setText("文")
                .setEventTime(TIME).setProcessedAt(TIME).build(), "out", 0, 0);
    }

    private static PipelineOutput deadLetter(int partition, long offset, String reason) {
        return new PipelineOutput.DeadLettered("k", DeadLetter.newBuilder().setSourceTopic("in")
                .setSourcePartition(partition).setSourceOffset(offset).setStage("validate").setReasonCode(reason)
                .setErrorMessage("m").setFailedAt(TIME).build(), "dlq", 0, 0);
    }

    @Test
    void shouldCountEveryKindOfMiscountByInputOffset() {
        ChaosLedger ledger = new ChaosLedger();
        ledger.expect("in-0@0", ChaosLedger.ENRICHED);
        ledger.expect("in-0@1", "EMPTY_TEXT");
        ledger.expect("in-0@2", ChaosLedger.ENRICHED); // consumed (committed), no output: lost
        ledger.expect("in-0@3", ChaosLedger.ENRICHED); // answered twice
        ledger.expect("in-0@4", "TOMBSTONE");          // answered with the wrong outcome
        ledger.expect("in-0@9", ChaosLedger.ENRICHED); // not consumed yet: waiting

        ledger.record(enriched("in-0@0"));
        ledger.record(deadLetter(0, 1, "EMPTY_TEXT"));
        ledger.record(enriched("in-0@3"));
        ledger.record(enriched("in-0@3"));
        ledger.record(enriched("in-0@4"));
        ledger.record(enriched("in-0@7")); // no such input

        ChaosLedger.Tally tally = ledger.tally(Map.of("in-0", 8L), 0);
        assertThat(tally).isEqualTo(new ChaosLedger.Tally(6, 1, 0, 1, 1, 1, 1, 0, null, 0));
        assertThat(tally.isExact()).isFalse();
        assertThat(ledger.isComplete()).isFalse();
    }

    @Test
    void shouldCallAConsumedRecordInFlightWhileTheApplicationHasABacklog() {
        ChaosLedger ledger = new ChaosLedger();
        ledger.expect("in-0@0", ChaosLedger.ENRICHED); // consumed, its similarity answers still in a repartition topic

        assertThat(ledger.tally(Map.of("in-0", 1L), 25)).extracting(ChaosLedger.Tally::lost, ChaosLedger.Tally::inFlight)
                .containsExactly(0, 1);
        assertThat(ledger.tally(Map.of("in-0", 1L), 0)).extracting(ChaosLedger.Tally::lost, ChaosLedger.Tally::inFlight)
                .containsExactly(1, 0);
    }

    @Test
    void shouldBeExactWhenEveryRecordIsAnsweredOnceAsExpected() {
        ChaosLedger ledger = new ChaosLedger();
        ledger.expect("in-1@0", ChaosLedger.ENRICHED);
        ledger.record(enriched("in-1@0"));

        assertThat(ledger.isComplete()).isTrue();
        assertThat(ledger.tally(Map.of("in-1", 1L), 0).isExact()).isTrue();
    }

    @Test
    void shouldCountAFailedSendThatReachedTheTopicAndFlagAnAcknowledgedRecordTheTopicLacks() {
        ChaosLedger ledger = new ChaosLedger();
        ledger.sendFailed(new IllegalStateException("out of order")); // landed at in-2@1 all the same
        ledger.acknowledged("in-2@0");
        ledger.acknowledged("in-2@5"); // the broker lost it
        ledger.expect("in-2@0", ChaosLedger.ENRICHED);
        ledger.expect("in-2@1", ChaosLedger.ENRICHED);
        ledger.record(enriched("in-2@0"));
        ledger.record(enriched("in-2@1"));

        ChaosLedger.Tally tally = ledger.tally(Map.of("in-2", 2L), 0);
        assertThat(tally).isEqualTo(new ChaosLedger.Tally(2, 0, 0, 0, 0, 0, 0, 1,
                "java.lang.IllegalStateException: out of order", 1));
        assertThat(tally.isExact()).isFalse();
    }
}
