package io.wenliu.models.train.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.student.SentimentNgrams;
import io.wenliu.models.text.NormalizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentimentNgramsTrainerTest {
    private static final SentimentNgramsTrainer.Settings SMALL = new SentimentNgramsTrainer.Settings(1 << 12, 3, 1.0);
    private static final String FILLER = "这家酒店房间服务早餐位置价格前台电视空调床";

    @Test
    void shouldLearnWhichPhrasesMakeAReviewPositiveWhicheverLabelComesFirst() {
        for (int firstLabel : new int[] {0, 1}) {
            SentimentNgrams ngrams = SentimentNgramsTrainer.train(reviews(firstLabel), SMALL);

            assertThat(logit(ngrams, "早餐很好，非常满意")).as("first label %d", firstLabel).isPositive();
            assertThat(logit(ngrams, "空调很差，太失望了")).as("first label %d", firstLabel).isNegative();
        }
    }

    @Test
    void shouldRefuseTextsOfOneLabelOnly() {
        List<LabeledText> positive = List.of(new LabeledText("t", "很好", 1), new LabeledText("t", "满意", 1));

        assertThatThrownBy(() -> SentimentNgramsTrainer.train(positive, SMALL)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Filler words around a positive or a negative phrase, labels alternating from {@code firstLabel}. */
    private static List<LabeledText> reviews(int firstLabel) {
        String[] positive = {"很好", "非常满意", "推荐", "干净"};
        String[] negative = {"很差", "太失望了", "不推荐", "脏"};
        Random random = new Random(7);
        List<LabeledText> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int label = (i + firstLabel) % 2;
            String[] phrases = label == 1 ? positive : negative;
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                text.appendCodePoint(FILLER.codePointAt(random.nextInt(FILLER.length())));
            }
            text.append(phrases[random.nextInt(phrases.length)]);
            texts.add(new LabeledText("test", text.toString(), label));
        }
        return texts;
    }

    private static float logit(SentimentNgrams ngrams, String text) {
        return ngrams.logit(NormalizedText.of(text).codePoints());
    }
}
