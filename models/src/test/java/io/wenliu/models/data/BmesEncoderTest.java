package io.wenliu.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BmesEncoderTest {

    @Test
    void shouldTagEachCharacterByItsPlaceInTheWord() {
        TaggedSequence s = BmesEncoder.encode(List.of("中华人民共和国", "成立", "了"));

        assertThat(s.tags()).containsExactly(0, 1, 1, 1, 1, 1, 2, 0, 2, 3);
        assertThat(new String(s.codePoints(), 0, s.length())).isEqualTo("中华人民共和国成立了");
    }

    @Test
    void shouldNormalizeFullWidthAndDropWhitespaceInsideWords() {
        TaggedSequence s = BmesEncoder.encode(List.of("ＡＢＣ", "１９９７年", "New York"));

        assertThat(new String(s.codePoints(), 0, s.length())).isEqualTo("abc1997年newyork");
        assertThat(s.length()).isEqualTo(s.tags().length);
    }

    @Test
    void shouldKeepAnEmojiAsOneCharacter() {
        TaggedSequence s = BmesEncoder.encode(List.of("好", "😀"));

        assertThat(s.length()).isEqualTo(2);
        assertThat(s.tags()).containsExactly(BmesEncoder.S, BmesEncoder.S);
    }

    @Test
    void shouldRecoverWordSpansEvenFromInconsistentTags() {
        assertThat(BmesEncoder.wordSpans(new int[] {0, 2, 3, 0, 1, 2})).containsExactly(
                new int[] {0, 2}, new int[] {2, 3}, new int[] {3, 6});
        // B followed by B, and a sequence ending inside a word, still partition the input
        assertThat(BmesEncoder.wordSpans(new int[] {0, 0, 1})).containsExactly(new int[] {0, 1}, new int[] {1, 3});
    }
}
