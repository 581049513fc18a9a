package io.wenliu.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LengthBucketsTest {

    @Test
    void shouldServeAFewFixedLengthsCappedByTheArtifact() {
        assertThat(LengthBuckets.upTo(512).lengths()).containsExactly(8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512);
        assertThat(LengthBuckets.upTo(100).lengths()).containsExactly(8, 16, 24, 32, 48, 64, 96, 100);
        assertThat(LengthBuckets.upTo(4096).lengths()).endsWith(384, 512);
        assertThat(LengthBuckets.upTo(5).lengths()).containsExactly(5);
        assertThatThrownBy(() -> LengthBuckets.upTo(0).lengths()).isInstanceOf(IllegalArgumentException.class);
    }
}
