package io.wenliu.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaggerModelTest {

    @Test
    void shouldServeAFewFixedLengthsCappedByTheArtifact() {
        assertThat(TaggerModel.buckets(512)).containsExactly(8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512);
        assertThat(TaggerModel.buckets(100)).containsExactly(8, 16, 24, 32, 48, 64, 96, 100);
        assertThat(TaggerModel.buckets(4096)).endsWith(384, 512);
        assertThat(TaggerModel.buckets(5)).containsExactly(5);
        assertThatThrownBy(() -> TaggerModel.buckets(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
