package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.classifier.LabeledText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StudentCorporaTest {

    private static StudentCorpora sentences(int count) {
        List<TaggedSequence> segmentation = new ArrayList<>();
        List<TaggedSequence> ner = new ArrayList<>();
        List<LabeledText> sentiment = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "第" + i + "句话";
            segmentation.add(BmesEncoder.encode(List.of("第" + i, "句话")));
            int[] o = new int[text.codePointCount(0, text.length())];
            ner.add(new TaggedSequence(text.codePoints().toArray(), o));
            sentiment.add(new LabeledText("test", text, i % 2));
            pairs.add(new Pair(text, text + "。", 5f));
        }
        return new StudentCorpora(Map.of(TaggingHead.SEGMENTATION, segmentation, TaggingHead.NER, ner), sentiment, pairs);
    }

    @Test
    void shouldHoldOutAboutOneInTwentyOfEveryTaskBySeed() {
        StudentCorpora.Split split = sentences(4_000).split(1L);

        split.validation().sizes().forEach((task, size) -> {
            if (!task.equals("pos")) {
                assertThat(size).as(task).isBetween(150, 250);
            }
        });
        assertThat(split.train().tagging().get(TaggingHead.NER).size() + split.validation().tagging().get(TaggingHead.NER).size())
                .isEqualTo(4_000);
        StudentCorpora again = sentences(4_000).split(1L).validation();
        assertThat(texts(again.tagging().get(TaggingHead.NER))).isEqualTo(texts(split.validation().tagging().get(TaggingHead.NER)));
        assertThat(again.sentiment()).isEqualTo(split.validation().sentiment());
        assertThat(again.similarity()).isEqualTo(split.validation().similarity());
        assertThat(sentences(4_000).split(2L).validation().sentiment()).isNotEqualTo(split.validation().sentiment());
    }

    @Test
    void shouldHoldOutASentenceTwoTasksShareFromBoth() {
        StudentCorpora.Split split = sentences(2_000).split(3L);

        Set<String> segmentation = texts(split.validation().tagging().get(TaggingHead.SEGMENTATION));
        assertThat(texts(split.validation().tagging().get(TaggingHead.NER))).isEqualTo(segmentation);
        assertThat(texts(split.train().tagging().get(TaggingHead.NER))).doesNotContainAnyElementsOf(segmentation);
    }

    private static Set<String> texts(List<TaggedSequence> sequences) {
        Set<String> texts = new HashSet<>();
        sequences.forEach(s -> texts.add(new String(s.codePoints(), 0, s.length())));
        return texts;
    }
}
