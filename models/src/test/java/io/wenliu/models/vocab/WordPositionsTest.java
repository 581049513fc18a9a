package io.wenliu.models.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordPositionsTest {

    @Test
    void shouldGiveEachCharacterItsPlaceInItsWord() {
        // 我们 | 喜 | 图书馆
        boolean[] startsWord = {true, false, true, true, false, false};

        assertThat(WordPositions.of(startsWord)).containsExactly(WordPositions.BEGIN, WordPositions.END,
                WordPositions.SINGLE, WordPositions.BEGIN, WordPositions.MIDDLE, WordPositions.END);
    }

    @Test
    void shouldTreatTheFirstPositionAsAWordStartWhateverItSays() {
        assertThat(WordPositions.of(new boolean[] {false, false})).containsExactly(WordPositions.BEGIN, WordPositions.END);
        assertThat(WordPositions.of(new boolean[] {false})).containsExactly(WordPositions.SINGLE);
        assertThat(WordPositions.of(new boolean[0])).isEmpty();
    }

    @Test
    void shouldPackSoThatRemainderAndQuotientGiveCharacterAndPositionBack() {
        int vocabularySize = 4_000;
        for (int position = 0; position < WordPositions.COUNT; position++) {
            int packed = WordPositions.pack(1_234, position, vocabularySize);

            assertThat(packed % vocabularySize).isEqualTo(1_234);
            assertThat(packed / vocabularySize).isEqualTo(position);
        }
        assertThat(WordPositions.pack(1_234, WordPositions.UNKNOWN, vocabularySize)).as("unknown keeps the plain id")
                .isEqualTo(1_234);
        assertThatThrownBy(() -> WordPositions.pack(1, WordPositions.COUNT, vocabularySize))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
