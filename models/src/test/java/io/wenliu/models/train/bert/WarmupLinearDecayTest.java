package io.wenliu.models.train.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class WarmupLinearDecayTest {
    private final WarmupLinearDecay schedule = new WarmupLinearDecay(1e-4f, 9, 109);

    @Test
    void shouldRiseLinearlyToThePeakDuringWarmUp() {
        assertThat(schedule.rate(0)).isCloseTo(1e-5f, Offset.offset(1e-9f));
        assertThat(schedule.rate(4)).isCloseTo(5e-5f, Offset.offset(1e-9f));
        assertThat(schedule.rate(9)).isCloseTo(1e-4f, Offset.offset(1e-9f));
    }

    @Test
    void shouldDecayLinearlyToZeroAtTheLastStep() {
        assertThat(schedule.rate(59)).isCloseTo(5e-5f, Offset.offset(1e-9f));
        assertThat(schedule.rate(109)).isZero();
        assertThat(schedule.rate(500)).isZero();
    }

    @Test
    void shouldRejectAWarmUpAsLongAsTheRun() {
        assertThatThrownBy(() -> new WarmupLinearDecay(1e-4f, 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
