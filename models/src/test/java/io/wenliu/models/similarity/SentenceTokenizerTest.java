package io.wenliu.models.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.CharVocabulary;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SentenceTokenizerTest {
    private static final String TEXT = "今天天气很好。我们去公园散步吧！明天也许会下雨";
    private static final int[] NORMALIZED = NormalizedText.of(TEXT).codePoints(); // ！ folds to !
    private final CharVocabulary vocabulary = CharVocabulary.of(IntStream.of(NORMALIZED).boxed().distinct().toList());

    @Test
    void shouldCutALongTextAtSentenceEndsWithoutLosingACharacter() {
        List<int[]> chunks = new SentenceTokenizer(vocabulary, 10).chunkIds(TEXT);

        assertThat(chunks).extracting(ids -> ids.length).containsExactly(7, 9, 7);
        int[] all = chunks.stream().flatMapToInt(IntStream::of).toArray();
        assertThat(all).containsExactly(IntStream.of(NORMALIZED).map(vocabulary::id).toArray());
    }

    @Test
    void shouldKeepAShortTextInOnePieceAsIdsGivesIt() {
        SentenceTokenizer tokenizer = new SentenceTokenizer(vocabulary, 48);

        assertThat(tokenizer.chunkIds(TEXT)).singleElement().isEqualTo(tokenizer.ids(TEXT));
    }

    @Test
    void shouldGiveATextWithoutCharactersOneUnknownId() {
        assertThat(new SentenceTokenizer(vocabulary, 48).chunkIds(" \u200B ")).singleElement()
                .isEqualTo(new int[] {CharVocabulary.UNKNOWN_ID});
    }
}
