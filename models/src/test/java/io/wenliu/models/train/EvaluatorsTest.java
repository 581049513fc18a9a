package io.wenliu.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.data.TaggedSequence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorsTest {

    @Test
    void shouldScoreWordsByExactSpan() {
        TaggedSequence gold = BmesEncoder.encode(List.of("我们", "在", "北京"));   // 3 words
        int[] predicted = BmesEncoder.encode(List.of("我们", "在北", "京")).tags(); // 1 of 3 right

        Map<String, Double> m = new SegmentationEvaluator().evaluate(List.of(gold), List.of(predicted));

        assertThat(m.get("precision")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(m.get("recall")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(m.get("f1")).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void shouldScoreEntitiesByTypeAndSpan() {
        NerTask task = NerTask.msra();
        var l = task.labels();
        // 张 三 在 北 京 : PER(0,2) LOC(3,5)
        int[] gold = {l.id("B-PER"), l.id("I-PER"), l.id("O"), l.id("B-LOC"), l.id("I-LOC")};
        // right person, location typed as ORG
        int[] predicted = {l.id("B-PER"), l.id("I-PER"), l.id("O"), l.id("B-ORG"), l.id("I-ORG")};

        Map<String, Double> m = new EntityEvaluator(l).evaluate(List.of(new TaggedSequence(new int[5], gold)), List.of(predicted));

        assertThat(m.get("f1")).isCloseTo(0.5, within(1e-9));
        assertThat(m.get("PER.f1")).isEqualTo(1.0);
        assertThat(m.get("LOC.recall")).isEqualTo(0.0);
        assertThat(m.get("ORG.precision")).isEqualTo(0.0);
    }

    @Test
    void shouldTreatAStrayInsideTagAsTheStartOfAnEntity() {
        var l = NerTask.msra().labels();
        assertThat(EntityEvaluator.spans(new int[] {l.id("O"), l.id("I-LOC"), l.id("I-LOC"), l.id("I-PER")}, l))
                .containsExactly(new EntityEvaluator.Span("LOC", 1, 3), new EntityEvaluator.Span("PER", 3, 4));
    }

    @Test
    void shouldCutLongSequencesAtPunctuationWithoutSplittingWords() {
        TaggedSequence s = BmesEncoder.encode(List.of("我们", "今天", "，", "他们", "明天", "。", "大家", "后天"));

        List<TaggedSequence> pieces = TaggerTraining.splitToFit(new SegmentationTask(), s, 8);

        assertThat(pieces).extracting(TaggedSequence::length).containsExactly(5, 5, 4); // "我们今天，" "他们明天。" "大家后天"
        assertThat(pieces.stream().mapToInt(TaggedSequence::length).sum()).isEqualTo(s.length());
        // without punctuation in reach it still cuts at a word boundary
        TaggedSequence words = BmesEncoder.encode(List.of("中华人民", "共和国", "万岁"));
        assertThat(TaggerTraining.splitToFit(new SegmentationTask(), words, 8)).extracting(TaggedSequence::length)
                .containsExactly(7, 2);
    }
}
