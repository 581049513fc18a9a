package io.wenliu.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.text.NormalizedText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop shared by the character taggers: chunking to the model's largest input, one scorer call for
 * every piece of every text, and each text's pieces handed back in order at their positions.
 */
class CharacterTaggingTest {
    private static final int MAX_LENGTH = 4;

    @Test
    void shouldScoreEveryPieceOfEveryTextInOneCall() throws Exception {
        RecordingScorer scorer = new RecordingScorer();
        List<NormalizedText> texts = texts("你好", "今天。明天。", "");

        List<ScoredText> scored = CharacterTagging.score(scorer, texts, ids(texts));

        assertThat(scorer.calls).isEqualTo(1);
        assertThat(scorer.sequences).containsExactly(new int[] {'你', '好'}, new int[] {'今', '天', '。'},
                new int[] {'明', '天', '。'});
        assertThat(scored).extracting(ScoredText::text).containsExactlyElementsOf(texts);
        assertThat(scored.get(0).pieces()).extracting(ScoredText.Piece::from).containsExactly(0);
        assertThat(scored.get(1).pieces()).extracting(ScoredText.Piece::from).containsExactly(0, 3);
        assertThat(scored.get(1).pieces()).extracting(ScoredText.Piece::to).containsExactly(3, 6);
        assertThat(scored.get(2).pieces()).isEmpty();
    }

    @Test
    void shouldNeverCutInsideAnAtomicRun() throws Exception {
        List<NormalizedText> texts = texts("看abcd了");

        List<ScoredText> scored = CharacterTagging.score(new RecordingScorer(), texts, ids(texts));

        assertThat(scored.get(0).pieces()).extracting(ScoredText.Piece::from).containsExactly(0, 1, 5);
    }

    @Test
    void shouldPutEachPieceDecodedTagsAtItsPositionsInTheText() throws Exception {
        List<NormalizedText> texts = texts("今天。明天。");

        int[] path = CharacterTagging.score(new RecordingScorer(), texts, ids(texts)).get(0)
                .decode(piece -> new int[] {piece.from(), piece.from(), piece.from()});

        assertThat(path).containsExactly(0, 0, 0, 3, 3, 3);
    }

    @Test
    void shouldMapEachNormalizedCodePointToItsId() {
        assertThat(CharacterTagging.ids(NormalizedText.of("Ａ b"), codePoint -> codePoint + 1)).containsExactly('a' + 1, 'b' + 1);
    }

    @Test
    void shouldRejectIdsThatDoNotFitTheirText() {
        List<NormalizedText> texts = texts("你好");

        assertThatThrownBy(() -> CharacterTagging.score(new RecordingScorer(), texts, List.of(new int[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 positions but 1 ids");
        assertThatThrownBy(() -> CharacterTagging.score(new RecordingScorer(), texts, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 texts but 0 id sequences");
    }

    private static List<NormalizedText> texts(String... texts) {
        return List.of(texts).stream().map(NormalizedText::of).toList();
    }

    private static List<int[]> ids(List<NormalizedText> texts) {
        return texts.stream().map(t -> CharacterTagging.ids(t, codePoint -> codePoint)).toList();
    }

    /** Records what it is asked to score; every score is zero. */
    private static final class RecordingScorer implements SequenceScorer {
        private final List<int[]> sequences = new ArrayList<>();
        private int calls;

        @Override
        public int maxLength() {
            return MAX_LENGTH;
        }

        @Override
        public List<SequenceScores> score(List<int[]> batch) {
            calls++;
            sequences.addAll(batch);
            return batch.stream().map(ids -> new SequenceScores(new float[ids.length], 0, ids.length, new float[1])).toList();
        }

        @Override
        public void close() {
        }
    }
}
