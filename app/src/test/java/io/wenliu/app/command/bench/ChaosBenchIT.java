package io.wenliu.app.command.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos harness's short form, as CI runs it: a broker process, two {@code wenliu run} processes with
 * every model deployed, 2,000 records (repeated ids, one in ten hostile), three SIGKILLs and a broker
 * restart; every record of the input topic must come out exactly once with the expected outcome, counted by
 * input offset.
 */
class ChaosBenchIT {
    @TempDir
    Path work;

    @Test
    void shouldLoseAndDuplicateNothingThroughKillsAndABrokerRestart() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ChaosHarness.Report report = new ChaosHarness(new ChaosHarness.Settings(2, 2_000, 3, 1, 100, 4,
                Path.of(System.getProperty("wenliu.models.dir", "../models/artifacts")), work, classpath,
                Duration.ofMinutes(8))).run();

        assertThat(report.kills()).isEqualTo(3);
        assertThat(report.brokerRestarts()).isEqualTo(1);
        assertThat(report.tally()).as("logs under %s", work).satisfies(tally -> {
            assertThat(tally.records()).as("records in the input topic (a retried send may land twice)")
                    .isGreaterThanOrEqualTo(2_000 - tally.failedSends());
            assertThat(tally.missingInput()).as("acknowledged by the broker, not in the topic").isZero();
            assertThat(tally.lost()).as("lost").isZero();
            assertThat(tally.inFlight()).as("in flight").isZero();
            assertThat(tally.waiting()).as("not yet consumed").isZero();
            assertThat(tally.duplicated()).as("duplicated").isZero();
            assertThat(tally.wrong()).as("wrong outcome").isZero();
            assertThat(tally.stray()).as("stray").isZero();
        });
    }
}
