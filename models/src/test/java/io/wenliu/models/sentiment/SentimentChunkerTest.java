package io.wenliu.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentimentChunkerTest {

    private static List<String> strings(List<int[]> chunks) {
        return chunks.stream().map(c -> new String(c, 0, c.length)).toList();
    }

    @Test
    void shouldKeepAShortTextWholeNormalizedAndWithoutWhitespace() {
        assertThat(strings(new SentimentChunker(64).chunk(" 房间 很ＡＢ好！\u3000服务一般。\n")))
                .containsExactly("房间很ab好!服务一般。");
    }

    @Test
    void shouldReadTraditionalScriptAndInvisibleCharactersAsEveryModelDoes() {
        assertThat(strings(new SentimentChunker(64).chunk("這間酒店\u200B很好\uFEFF👍\uFE0F")))
                .containsExactly("这间酒店很好👍\uFE0F"); // the selector belongs to the emoji
    }

    @Test
    void shouldYieldNoChunkForBlankText() {
        assertThat(new SentimentChunker(8).chunk("\u3000 \n\t")).isEmpty();
        assertThat(new SentimentChunker(8).chunk("")).isEmpty();
    }

    @Test
    void shouldPackWholeSentencesUpToTheMaximumLength() {
        assertThat(strings(new SentimentChunker(8).chunk("房间很大。早餐很差！！价格还行？不推荐")))
                .containsExactly("房间很大。", "早餐很差!!", "价格还行?不推荐");
    }

    @Test
    void shouldEndASentenceAtALineBreak() {
        assertThat(strings(new SentimentChunker(6).chunk("房间很大\n早餐很差")))
                .containsExactly("房间很大", "早餐很差");
    }

    @Test
    void shouldCutAnOverlongSentenceAtAClauseMarkElseHard() {
        assertThat(strings(new SentimentChunker(6).chunk("房间很大，早餐很差，价格还行")))
                .containsExactly("房间很大,", "早餐很差,", "价格还行");
        assertThat(strings(new SentimentChunker(4).chunk("一二三四五六七八九")))
                .containsExactly("一二三四", "五六七八", "九");
    }

    @Test
    void shouldCountASurrogatePairAsOneCharacter() {
        List<int[]> chunks = new SentimentChunker(2).chunk("😀好😀");
        assertThat(strings(chunks)).containsExactly("😀好", "😀");
    }

    @Test
    void shouldKeepEveryNonWhitespaceCharacterInOrderWithinTheLimit() {
        Random random = new Random(11);
        String alphabet = "好差房间。！？，、 \n😀ab";
        int[] cps = alphabet.codePoints().toArray();
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(120);
            for (int i = 0; i < n; i++) {
                text.appendCodePoint(cps[random.nextInt(cps.length)]);
            }
            int max = 1 + random.nextInt(20);
            List<int[]> chunks = new SentimentChunker(max).chunk(text.toString());
            StringBuilder joined = new StringBuilder();
            for (int[] chunk : chunks) {
                assertThat(chunk.length).isBetween(1, max);
                joined.append(new String(chunk, 0, chunk.length));
            }
            String expected = text.toString().replaceAll("\\s", "").replace('！', '!').replace('？', '?').replace('，', ',');
            assertThat(joined.toString()).as("text '%s', max %d", text, max).isEqualTo(expected);
        }
    }
}
