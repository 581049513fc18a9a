package io.wenliu.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentenceChunkerTest {

    @Test
    void shouldKeepShortTextsWhole() {
        assertThat(chunk("今天天气很好。", 10)).containsExactly("今天天气很好。");
        assertThat(SentenceChunker.chunks(new int[0], 10)).isEmpty();
    }

    @Test
    void shouldCutAfterTheLastSentenceEndThatFits() {
        assertThat(chunk("我来了。你好吗？他说：好的，走吧", 10)).containsExactly("我来了。你好吗？", "他说：好的，走吧");
    }

    @Test
    void shouldKeepClosingQuotesWithTheirSentence() {
        assertThat(chunk("他说“走吧。”我们就走了", 8)).containsExactly("他说“走吧。”", "我们就走了");
    }

    @Test
    void shouldNeverCutInsideAnAtomicRun() {
        NormalizedText text = NormalizedText.of("售价是8,999元见http://a.cn");
        List<String> pieces = SentenceChunker.chunks(text, 12).stream()
                .map(c -> text.original().substring(text.start(c[0]), text.end(c[1] - 1))).toList();

        assertThat(pieces).containsExactly("售价是8,999元见", "http://a.cn"); // not after the comma
    }

    @Test
    void shouldFallBackToClauseMarksThenToAHardCut() {
        assertThat(chunk("一二三，四五六七八九", 6)).containsExactly("一二三，", "四五六七八九");
        assertThat(chunk("一二三四五六七八九十", 4)).containsExactly("一二三四", "五六七八", "九十");
    }

    @Test
    void shouldCoverEveryPositionOnceWithinTheLimit() {
        Random random = new Random(1);
        String alphabet = "字词。，！？”a";
        for (int trial = 0; trial < 500; trial++) {
            int[] cps = random.ints(random.nextInt(300), 0, alphabet.length()).map(alphabet::charAt).toArray();
            int max = 1 + random.nextInt(40);
            int expectedStart = 0;
            for (int[] chunk : SentenceChunker.chunks(cps, max)) {
                assertThat(chunk[0]).isEqualTo(expectedStart);
                assertThat(chunk[1] - chunk[0]).isBetween(1, max);
                expectedStart = chunk[1];
            }
            assertThat(expectedStart).isEqualTo(cps.length);
        }
    }

    private static List<String> chunk(String text, int max) {
        int[] cps = text.codePoints().toArray();
        return SentenceChunker.chunks(cps, max).stream().map(c -> new String(cps, c[0], c[1] - c[0])).toList();
    }
}
