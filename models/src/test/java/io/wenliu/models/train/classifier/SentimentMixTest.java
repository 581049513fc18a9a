package io.wenliu.models.train.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentMixTest {

    private static LabeledText t(String corpus, String text, int label) {
        return new LabeledText(corpus, text, label);
    }

    @Test
    void shouldKeepTheFirstCorpusWholeButDropOtherCorporaTextsThatAreInAnyDevSplit() {
        Map<String, List<LabeledText>> train = new LinkedHashMap<>();
        train.put("a", List.of(t("a", "好 酒店", 1), t("a", "差评", 0), t("a", "一般", 0)));
        train.put("b", List.of(t("b", "差评", 0), t("b", "很好", 1), t("b", "太 慢", 0), t("b", "好酒店", 1)));
        Map<String, List<LabeledText>> dev = Map.of(
                "a", List.of(t("a", "很好", 1), t("a", "一般", 0)),
                "b", List.of(t("b", "差评", 0)));

        SentimentMix mix = SentimentMix.of(train, dev);

        // "差评" is in b's dev, but a's train is the benchmark as published; "一般" is a's own train/dev overlap
        assertThat(mix.texts()).extracting(LabeledText::text).containsExactly("好 酒店", "差评", "一般", "太 慢");
        assertThat(mix.reports().get("a")).isEqualTo(new SentimentMix.CorpusReport(3, 0, 0, 3));
        // b: "很好" is in a's dev; "差评" (its own dev... and a duplicate) and "好酒店" (same text as "好 酒店") are duplicates
        assertThat(mix.reports().get("b")).isEqualTo(new SentimentMix.CorpusReport(4, 1, 2, 1));
    }

    @Test
    void shouldCompareTextsWithoutWhitespace() {
        assertThat(t("a", " 好\u3000酒\n店 ", 1).key()).isEqualTo("好酒店");
    }
}
