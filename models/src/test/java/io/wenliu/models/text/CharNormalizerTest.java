package io.wenliu.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharNormalizerTest {

    @Test
    void shouldFoldTraditionalToSimplifiedCharacterByCharacter() {
        assertThat(folded("這間酒店")).isEqualTo("这间酒店");
        assertThat(folded("臺灣說們為裡")).isEqualTo("台湾说们为里");
    }

    @Test
    void shouldFoldHongKongVariantsThroughTheirStandardTraditionalForm() {
        assertThat(folded("説")).isEqualTo("说");
    }

    @Test
    void shouldLeaveSimplifiedTextAsItIs() {
        String simplified = "乾隆著名的干部发现只有一台电脑里面的东西";
        assertThat(folded(simplified)).isEqualTo(simplified);
    }

    @Test
    void shouldFoldFullWidthCompatibilityFormsAndCase() {
        assertThat(folded("ＡＢｃ１２　")).isEqualTo("abc12 ");
        assertThat(folded("①﹐ｶ⼀Ⅴ")).isEqualTo("1,カ一v");
        assertThat(folded("ÄΣ")).isEqualTo("äσ");
    }

    @Test
    void shouldNotFoldEmojiOrCompatibilityFormsThatNeedSeveralCharacters() {
        assertThat(folded("ℹ😂™…㈠")).isEqualTo("ℹ😂™…㈠");
    }

    @Test
    void shouldMapEveryCodePointToExactlyOne() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += 7) {
            assertThat(Character.isValidCodePoint(CharNormalizer.normalize(cp))).isTrue();
        }
    }

    private static String folded(String s) {
        int[] cps = CharNormalizer.normalizedCodePoints(s);
        assertThat(cps).hasSize(s.codePointCount(0, s.length()));
        return new String(cps, 0, cps.length);
    }
}
