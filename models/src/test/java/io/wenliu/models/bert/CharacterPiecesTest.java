package io.wenliu.models.bert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Characters of a text mapped to bge's word pieces, and long texts cut into chunks that cover every character once. */
class CharacterPiecesTest {
    private static BertTokenizer tokenizer;

    @BeforeAll
    static void open() {
        tokenizer = BertTokenizer.bgeSmallZh();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void shouldGiveEveryCharacterOfALatinRunThePieceThatCoversIt() {
        String text = "我用iPhone15在上海";
        List<CharacterPieces.Chunk> chunks = CharacterPieces.chunks(tokenizer, text.codePoints().toArray(), 510, 512);

        assertThat(chunks).hasSize(1);
        CharacterPieces.Chunk chunk = chunks.get(0);
        BertTokens tokens = tokenizer.tokenize(text);
        assertThat(chunk.ids()).containsExactly(tokenizer.withSpecialTokens(tokens));
        assertThat(chunk.characterPieces()).hasSize(text.length());
        for (int c = 0; c < text.length(); c++) {
            int piece = chunk.characterPieces()[c] - 1; // index 0 is [CLS]
            assertThat(tokens.starts()[piece]).as("character %d", c).isLessThanOrEqualTo(c);
            assertThat(tokens.ends()[piece]).as("character %d", c).isGreaterThan(c);
        }
        assertThat(chunk.characterPieces()[0]).isEqualTo(1);
        assertThat(chunk.characterPieces()[text.length() - 1]).isEqualTo(tokens.size());
    }

    @Test
    void shouldCutALongTextAtSentenceEndsAndCoverEveryCharacterOnce() {
        String text = "今天天气很好。我们去北京。😀他们在上海工作了很多年。";
        int[] codePoints = text.codePoints().toArray();
        List<CharacterPieces.Chunk> chunks = CharacterPieces.chunks(tokenizer, codePoints, 8, 8);

        assertThat(chunks).hasSizeGreaterThan(2);
        int next = 0;
        for (CharacterPieces.Chunk chunk : chunks) {
            assertThat(chunk.from()).isEqualTo(next);
            assertThat(chunk.length()).isBetween(1, 8);
            assertThat(chunk.ids().length).isLessThanOrEqualTo(8 + 2);
            for (int piece : chunk.characterPieces()) {
                assertThat(piece).isBetween(1, chunk.ids().length - 2);
            }
            next = chunk.to();
        }
        assertThat(next).isEqualTo(codePoints.length);
        assertThat(chunks.get(0).to()).as("cut after the first full stop").isEqualTo(7);
    }
}
