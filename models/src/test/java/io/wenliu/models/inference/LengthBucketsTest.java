package io.wenliu.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void shouldBatchSequencesOfOnePaddedLengthTogetherAndSkipEmptyOnes() {
        List<int[]> sequences = List.of(new int[] {1, 2, 3}, new int[0], new int[9], new int[] {4}, new int[] {5, 6});

        List<LengthBuckets.Batch> batches = LengthBuckets.upTo(16).batches(sequences, 2);

        assertThat(batches).extracting(b -> b.input().width()).containsExactly(8, 8, 16);
        assertThat(batches).extracting(LengthBuckets.Batch::sequences)
                .containsExactly(new int[] {3, 4}, new int[] {0}, new int[] {2});
        assertThat(batches.get(0).input().ids()).containsExactly(4, 0, 0, 0, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> LengthBuckets.upTo(8).batches(List.of(new int[9]), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut it first");
    }
}
