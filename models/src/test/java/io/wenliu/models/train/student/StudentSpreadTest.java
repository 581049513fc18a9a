package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.classifier.LabeledText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudentSpreadTest {

    @Test
    void shouldSampleEveryTwentiethTextOfSentimentSimilarityAndSegmentation() {
        List<TaggedSequence> sentences = new ArrayList<>();
        List<LabeledText> reviews = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String text = "句子" + i;
            sentences.add(new TaggedSequence(text.codePoints().toArray(), new int[text.codePointCount(0, text.length())]));
            reviews.add(new LabeledText("test", "评论" + i, i % 2));
            pairs.add(new Pair("问题" + i, "别的" + i, 1f));
        }
        StudentCorpora train = new StudentCorpora(Map.of(TaggingHead.SEGMENTATION, sentences), reviews, pairs);

        assertThat(StudentSpread.sample(train))
                .containsExactly("评论0", "评论20", "评论40", "问题0", "问题20", "问题40", "句子0", "句子20", "句子40");
    }
}
