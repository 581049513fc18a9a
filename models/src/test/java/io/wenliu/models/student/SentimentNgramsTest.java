package io.wenliu.models.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentNgramsTest {
    private static final int BUCKETS = 1 << 10;

    @TempDir
    Path dir;

    @Test
    void shouldCountEachDistinctNgramOnceInAscendingBuckets() {
        int[] once = SentimentNgrams.features("好好".codePoints().toArray(), 2, BUCKETS);
        int[] twice = SentimentNgrams.features("好好好好".codePoints().toArray(), 2, BUCKETS);

        assertThat(once).hasSize(2).isSorted().doesNotHaveDuplicates(); // 好, 好好
        assertThat(twice).containsExactly(once);
        assertThat(SentimentNgrams.features("不好".codePoints().toArray(), 3, BUCKETS)).hasSize(3).isSorted();
        assertThat(SentimentNgrams.features(new int[0], 3, BUCKETS)).isEmpty();
    }

    @Test
    void shouldSumTheWeightsOfTheTextsNgramsAndTheBias() {
        float[] weights = new float[BUCKETS];
        int[] good = SentimentNgrams.features("好".codePoints().toArray(), 3, BUCKETS);
        weights[good[0]] = 2.5f;
        SentimentNgrams ngrams = new SentimentNgrams(3, -0.5f, weights);

        assertThat(ngrams.logit("好".codePoints().toArray())).isEqualTo(2.0f);
        assertThat(ngrams.logit("好好".codePoints().toArray())).as("presence, not counts").isEqualTo(2.0f);
        assertThat(ngrams.logit(new int[0])).isEqualTo(-0.5f);
    }

    @Test
    void shouldReadBackWhatItWroteInHalfPrecision() throws Exception {
        float[] weights = new float[BUCKETS];
        for (int j = 0; j < BUCKETS; j++) {
            weights[j] = (float) Math.sin(j) / 3;
        }
        new SentimentNgrams(3, 0.25f, weights).write(dir);

        SentimentNgrams read = SentimentNgrams.read(dir).orElseThrow();
        int[] text = "这家酒店的服务很好".codePoints().toArray();
        assertThat(read.buckets()).isEqualTo(BUCKETS);
        assertThat(read.maxOrder()).isEqualTo(3);
        assertThat(read.logit(text)).isCloseTo(new SentimentNgrams(3, 0.25f, weights).logit(text), within(0.01f));
        assertThat(SentimentNgrams.read(dir.resolve("none"))).isEmpty();
    }

    @Test
    void shouldRefuseAFileOfAnotherFormat() throws Exception {
        Files.createDirectories(dir.resolve(SentimentNgrams.FILE).getParent());
        Files.write(dir.resolve(SentimentNgrams.FILE), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatThrownBy(() -> SentimentNgrams.read(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("train student-ngrams");
    }

    @Test
    void shouldCombineAsTheMeanOfTheTwoProbabilities() {
        assertThat(SentimentNgrams.combine(0f, 0f)).isZero();
        assertThat(SentimentNgrams.combine(2f, -2f)).isCloseTo(0f, within(1e-6f));
        assertThat(SentimentNgrams.combine((float) Math.log(3), (float) Math.log(3))).isCloseTo((float) Math.log(3), within(1e-6f));
        // probability 0.8 and a certain 1.0 average to 0.9: a sure side cannot outvote the other by its size
        float certain = SentimentNgrams.combine((float) Math.log(4), 40f);
        assertThat(certain).isCloseTo((float) Math.log(9), within(1e-4f));
        assertThat(SentimentNgrams.combine(-0.5f, 40f)).isPositive().isLessThan(certain);
    }

    @Test
    void shouldRefuseATableThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new SentimentNgrams(3, 0, new float[1000])).isInstanceOf(IllegalArgumentException.class);
    }
}
