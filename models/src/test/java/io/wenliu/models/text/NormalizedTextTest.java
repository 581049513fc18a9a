package io.wenliu.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizedTextTest {

    @Test
    void shouldDropWhitespaceAndRememberWhereItWas() {
        NormalizedText text = NormalizedText.of(" 北京\u3000欢迎\t你\n");

        assertThat(text.length()).isEqualTo(5);
        assertThat(text.codePoints()).containsExactly("北京欢迎你".codePoints().toArray());
        assertThat(text.spaceBefore(0)).isFalse(); // leading whitespace separates nothing
        assertThat(text.spaceBefore(2)).isTrue();
        assertThat(text.spaceBefore(4)).isTrue();
        assertThat(text.spaceBefore(3)).isFalse();
        assertThat(text.start(2)).isEqualTo(4);
        assertThat(text.end(4)).isEqualTo(8);
    }

    @Test
    void shouldFoldFullWidthAndCaseButKeepOriginalOffsets() {
        NormalizedText text = NormalizedText.of("ＡＢｃ１２3");

        assertThat(text.codePoints()).containsExactly("abc123".codePoints().toArray());
        assertThat(text.start(5)).isEqualTo(5);
        assertThat(text.original()).isEqualTo("ＡＢｃ１２3");
    }

    @Test
    void shouldCountSurrogatePairsAsOnePositionAndTwoCodeUnits() {
        String s = "我😀𠀀好"; // emoji and a CJK Extension B character are outside the BMP
        NormalizedText text = NormalizedText.of(s);

        assertThat(text.length()).isEqualTo(4);
        assertThat(text.start(1)).isEqualTo(1);
        assertThat(text.end(1)).isEqualTo(3);
        assertThat(s.substring(text.start(2), text.end(2))).isEqualTo("𠀀");
        assertThat(text.start(3)).isEqualTo(5);
    }

    @Test
    void shouldHandleBlankText() {
        assertThat(NormalizedText.of("").length()).isZero();
        assertThat(NormalizedText.of(" \u3000\u00A0\n").length()).isZero();
    }

    @Test
    void shouldTreatInvisibleCharactersAsWhitespaceOutsideEmoji() {
        String s = "中\u200B文\uFEFF字\u00ADx";
        NormalizedText text = NormalizedText.of(s);

        assertThat(text.codePoints()).containsExactly("中文字x".codePoints().toArray());
        assertThat(text.spaceBefore(1)).isTrue();
        assertThat(text.spaceBefore(2)).isTrue();
        assertThat(text.spaceBefore(3)).isTrue();
    }

    @Test
    void shouldKeepJoinersAndSelectorsInsideEmojiSequences() {
        String s = "好👨\u200D👩\u200D👧❤\uFE0F";
        NormalizedText text = NormalizedText.of(s);

        assertThat(text.length()).isEqualTo(8);
        assertThat(text.runs()).hasSize(2);
        NormalizedText.Run family = text.runs().get(0);
        assertThat(family.span().text()).isEqualTo("👨\u200D👩\u200D👧");
        assertThat(family.from()).isEqualTo(1);
        assertThat(family.to()).isEqualTo(6);
        assertThat(s.substring(text.start(6), text.end(7))).isEqualTo("❤\uFE0F");
    }

    @Test
    void shouldGiveEachRunItsPositions() {
        NormalizedText text = NormalizedText.of("看 https://a.cn 和fox");

        assertThat(text.runs()).extracting(r -> r.span().text() + " " + r.from() + "-" + r.to())
                .containsExactly("https://a.cn 1-13", "fox 14-17");
    }
}
