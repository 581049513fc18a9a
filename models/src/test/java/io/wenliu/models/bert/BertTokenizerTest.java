package io.wenliu.models.bert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertTokenizerTest {
    private static BertTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = BertTokenizer.bgeSmallZh();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static String[] pieces(String text, BertTokens tokens) {
        String[] pieces = new String[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            pieces[i] = text.substring(tokens.starts()[i], tokens.ends()[i]);
        }
        return pieces;
    }

    @Test
    void shouldGiveEveryChineseCharacterItsOwnToken() {
        String text = "我爱北京天安门";
        BertTokens tokens = tokenizer.tokenize(text);
        assertThat(pieces(text, tokens)).containsExactly("我", "爱", "北", "京", "天", "安", "门");
    }

    @Test
    void shouldSplitLatinRunsIntoWordPiecesWithOffsetsIntoTheText() {
        String text = "用unbelievable playing分词";
        BertTokens tokens = tokenizer.tokenize(text);
        assertThat(pieces(text, tokens)).containsExactly("用", "u", "n", "bel", "ie", "va", "ble", "play", "ing", "分", "词");
    }

    @Test
    void shouldMapAWordOutsideTheVocabularyToOneUnknownTokenOverTheWholeWord() {
        String text = "用Tokenizer分词"; // the vocabulary is cased and has no piece for "T"
        BertTokens tokens = tokenizer.tokenize(text);
        assertThat(pieces(text, tokens)).containsExactly("用", "Tokenizer", "分", "词");
        assertThat(tokens.ids()[1]).isEqualTo(100); // [UNK]
    }

    @Test
    void shouldCountOffsetsInUtf16UnitsPastEmoji() {
        String text = "好😀耶，𠀀字";
        BertTokens tokens = tokenizer.tokenize(text);
        assertThat(pieces(text, tokens)).containsExactly("好", "😀", "耶", "，", "𠀀", "字");
    }

    @Test
    void shouldCutLongTextsAfterSentenceEnds() {
        String sentence = "今天天气很好。"; // 7 tokens
        String text = sentence.repeat(100);
        List<BertTokens> chunks = tokenizer.chunks(text, 510);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).size()).isEqualTo(504);
        assertThat(text.charAt(chunks.get(0).ends()[503] - 1)).isEqualTo('。');
        assertThat(chunks.get(1).starts()[0]).isEqualTo(504);
        assertThat(chunks.stream().mapToInt(BertTokens::size).sum()).isEqualTo(700);
    }

    @Test
    void shouldWrapTokensInClsAndSep() {
        int[] ids = tokenizer.withSpecialTokens(tokenizer.tokenize("好"));
        assertThat(ids).hasSize(3);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[2]).isEqualTo(102);
    }
}
