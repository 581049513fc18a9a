package io.wenliu.app.command.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosStreamTest {
    private final ChaosStream stream = new ChaosStream();

    @Test
    void shouldTellEachRecordsOutcomeFromItsKeyAlone() {
        for (int i = 0; i < 300; i++) {
            ChaosStream.Input input = stream.input(i);
            assertThat(stream.outcome(input.key())).as("record %d", i).isEqualTo(input.outcome());
        }
    }
}
