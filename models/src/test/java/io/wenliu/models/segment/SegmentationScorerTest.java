package io.wenliu.models.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentationScorerTest {

    @Test
    void shouldCountWordsCorrectOnlyWhenBothEdgesMatch() {
        SegmentationScorer scorer = new SegmentationScorer(Set.of("我们", "北京"));

        scorer.add(List.of("我们", "在", "北京", "天安门"), List.of("我们", "在北", "京", "天安门"));
        SegmentationScorer.Score score = scorer.score();

        assertThat(score.correct()).isEqualTo(2);
        assertThat(score.precision()).isCloseTo(2 / 4.0, within(1e-9));
        assertThat(score.recall()).isCloseTo(2 / 4.0, within(1e-9));
        assertThat(score.f1()).isCloseTo(0.5, within(1e-9));
        assertThat(score.oovWords()).isEqualTo(2); // 在, 天安门
        assertThat(score.oovRecall()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldMeasureSpansInCodePointsIgnoringWhitespace() {
        SegmentationScorer scorer = new SegmentationScorer(Set.of());

        scorer.add(List.of("😀", "好 的"), List.of("😀", "好的"));

        assertThat(scorer.score().f1()).isEqualTo(1.0);
        assertThat(scorer.score().oovRecall()).isNaN();
    }

    @Test
    void shouldRejectSegmentationsOfDifferentTexts() {
        SegmentationScorer scorer = new SegmentationScorer(Set.of());

        assertThatThrownBy(() -> scorer.add(List.of("你好"), List.of("你", "们")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
