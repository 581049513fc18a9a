package io.wenliu.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {

    @Test
    void shouldMarkEachLatinWordOfAnEnglishSentence() {
        assertSpans("The quick brown fox jumps over the lazy dog.",
                "WORD The 0 3", "WORD quick 4 9", "WORD brown 10 15", "WORD fox 16 19", "WORD jumps 20 25",
                "WORD over 26 30", "WORD the 31 34", "WORD lazy 35 39", "WORD dog 40 43");
    }

    @Test
    void shouldMarkLatinWordsBetweenChineseCharacters() {
        assertSpans("这款fox游戏", "WORD fox 2 5");
        assertSpans("Wenliu enriches Chinese text on Kafka",
                "WORD Wenliu 0 6", "WORD enriches 7 15", "WORD Chinese 16 23", "WORD text 24 28", "WORD on 29 31",
                "WORD Kafka 32 37");
        assertSpans("苹果公司CEO蒂姆·库克", "WORD CEO 4 7");
    }

    @Test
    void shouldKeepLettersAndDigitsOfOneWordTogether() {
        assertSpans("买了iPhone15和5G手机", "WORD iPhone15 2 10", "WORD 5G 11 13");
        assertSpans("COVID-19疫情", "WORD COVID-19 0 8");
        assertSpans("it's v1.2.3 AT&T", "WORD it's 0 4", "WORD v1.2.3 5 11", "WORD AT&T 12 16");
    }

    @Test
    void shouldMarkAmountsPercentagesDatesTimesAndPhoneNumbersAsNumbers() {
        assertSpans("售价8,999元，涨了3.5%", "NUMBER 8,999 2 7", "NUMBER 3.5% 11 15");
        assertSpans("2024-12-04 12:30开会", "NUMBER 2024-12-04 0 10", "NUMBER 12:30 11 16");
        assertSpans("电话+86 138-0013-8000", "NUMBER +86 2 5", "NUMBER 138-0013-8000 6 19");
        assertSpans("只要¥99.9！", "NUMBER ¥99.9 2 7");
        assertSpans("2024年", "NUMBER 2024 0 4");
    }

    @Test
    void shouldLeaveSentencePunctuationOutOfWordsAndNumbers() {
        assertSpans("fox. 1,2", "WORD fox 0 3", "NUMBER 1,2 5 8");
        assertSpans("共3个，5个", "NUMBER 3 1 2", "NUMBER 5 4 5");
        assertSpans("气温-5到3-5度", "NUMBER -5 2 4", "NUMBER 3-5 5 8");
    }

    @Test
    void shouldKeepUrlWhole() {
        assertSpans("https://www.example.com/a?b=1", "URL https://www.example.com/a?b=1 0 29");
        assertSpans("看www.example.com。", "URL www.example.com 1 16");
        assertSpans("(见https://example.com/x_(y))", "URL https://example.com/x_(y) 2 27");
        assertSpans("链接：http://t.cn/A6abc，快看", "URL http://t.cn/A6abc 3 20");
    }

    @Test
    void shouldKeepEmailWhole() {
        assertSpans("邮箱test@qq.com", "EMAIL test@qq.com 2 13");
        assertSpans("写信给first.last+tag@mail.example.org.", "EMAIL first.last+tag@mail.example.org 3 34");
    }

    @Test
    void shouldMarkMentionsUpToTheFirstCharacterThatCannotBeInAName() {
        assertSpans("@人民日报 发布", "MENTION @人民日报 0 5");
        assertSpans("转发@wenliu_bot：好", "MENTION @wenliu_bot 2 13");
    }

    @Test
    void shouldMarkWeiboAndTwitterHashtags() {
        assertSpans("#双十一# 来了", "HASHTAG #双十一# 0 5");
        assertSpans("love #OpenSource!", "WORD love 0 4", "HASHTAG #OpenSource 5 16");
        assertSpans("C# 和 ## 标题", "WORD C 0 1");
    }

    @Test
    void shouldMarkEveryKindOfEmojiSequenceAsOneRun() {
        assertSpans("哈哈哈😂😂太好笑了", "EMOJI 😂 3 5", "EMOJI 😂 5 7");
        assertSpans("❤️", "EMOJI ❤️ 0 2");                                  // variation selector
        assertSpans("👍🏽好", "EMOJI 👍🏽 0 4");                               // skin tone
        assertSpans("👨‍👩‍👧家", "EMOJI 👨‍👩‍👧 0 8");                        // ZWJ sequence
        assertSpans("🇨🇳🇭🇰", "EMOJI 🇨🇳 0 4", "EMOJI 🇭🇰 4 8");                // flags
        assertSpans("1️⃣第一", "EMOJI 1️⃣ 0 3");                               // keycap
        assertSpans("🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F",
                "EMOJI 🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F 0 14"); // tag sequence
    }

    @Test
    void shouldNotTakeATrailingJoinerIntoAnEmoji() {
        assertSpans("👍\u200D好", "EMOJI 👍 0 2");
    }

    @Test
    void shouldReadFullWidthFormsLikeAscii() {
        assertSpans("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ", "URL ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ 0 19");
        assertSpans("１２：３０到Ｋａｆｋａ", "NUMBER １２：３０ 0 5", "WORD Ｋａｆｋａ 6 11");
    }

    @Test
    void shouldCountSupplementaryCharactersAsTwoUtf16Units() {
        assertSpans("𠀀abc𠀁12", "WORD abc 2 5", "NUMBER 12 7 9");
    }

    @Test
    void shouldMarkNothingInPlainChinese() {
        assertThat(PreTokenizer.spans("這間酒店很好。")).isEmpty();
        assertThat(PreTokenizer.spans("")).isEmpty();
    }

    @Test
    void shouldFindExactlyTheRunsAReaderMarksInEverydayMixedSentences() {
        for (MarkedSentences.Sentence sentence : MarkedSentences.everydayMixed()) {
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < sentence.spans().size(); k++) {
                expected.add(sentence.span(k) + " " + sentence.spans().get(k)[0]);
            }
            assertThat(PreTokenizer.spans(sentence.text())).as(sentence.text())
                    .extracting(s -> s.text() + " " + s.start()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void shouldNeverThrowAndKeepSpansOrderedDisjointAndTrueToTheText() {
        Random random = new Random(20261204);
        String alphabet = "ab1٣2.,:/-_@#%+¥'&中文。 \u200D\uFE0F\u20E3😂👍🏽🇨🇳httpswww.com\u3000ＡＢ１：";
        int[] pool = alphabet.codePoints().toArray();
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                if (random.nextInt(8) == 0) {
                    text.append((char) random.nextInt(0x10000)); // lone surrogates too
                } else {
                    text.appendCodePoint(pool[random.nextInt(pool.length)]);
                }
            }
            String s = text.toString();
            int previousEnd = 0;
            for (AtomicSpan span : PreTokenizer.spans(s)) {
                assertThat(span.start()).as(s).isGreaterThanOrEqualTo(previousEnd);
                assertThat(span.end()).as(s).isLessThanOrEqualTo(s.length());
                assertThat(span.text()).as(s).isEqualTo(s.substring(span.start(), span.end()));
                assertThat(span.text().codePoints().anyMatch(NormalizedText::isSpace)).as(s).isFalse();
                previousEnd = span.end();
            }
        }
    }

    private static void assertSpans(String text, String... expected) {
        List<String> actual = PreTokenizer.spans(text).stream()
                .map(s -> s.kind() + " " + s.text() + " " + s.start() + " " + s.end()).toList();
        assertThat(actual).as(text).containsExactly(expected);
    }
}
