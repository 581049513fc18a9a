package io.wenliu.models.inference;

import ai.djl.translate.TranslateException;
import io.wenliu.models.text.AtomicSpan;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.text.SentenceChunker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The scoring loop every character tagger (segmenter, NER, POS) shares: each normalized text is cut to
 * the model's largest bucket at sentence punctuation, never inside an atomic run ({@link SentenceChunker});
 * all pieces of all texts of a call go to the {@link SequenceScorer} together, so it batches them by
 * bucket; and each text gets its pieces' scores back in order, at their positions in the text
 * ({@link ScoredText}). What the ids mean and how the scores are decoded is the tagger's own. The
 * one-pass {@link StudentModel} cuts its texts the same way ({@link #cut}) and scores every head at once.
 * Stateless and thread-safe.
 */
public final class CharacterTagging {
    private static final int EMOJI_READ_AS = '!';

    private CharacterTagging() {
    }

    /** The id of each position of {@code text}, by its normalized code point. */
    public static int[] ids(NormalizedText text, IntUnaryOperator idOfCodePoint) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idOfCodePoint.applyAsInt(text.codePoint(i));
        }
        return ids;
    }

    /**
     * Shows the model an exclamation mark at every position of an emoji, for models that never saw emoji
     * (the NER tagger, the student): such a model takes an unknown character for a rare character of a name,
     * so {@code 张伟😂😂} read as {@code 张伟<unk><unk>} looks like a four-character name, while an emoji most often
     * stands in a sentence where an exclamation mark would.
     *
     * @param ids the ids of {@code text}'s positions, changed in place
     */
    public static void readEmojiAsExclamation(NormalizedText text, int[] ids, IntUnaryOperator idOfCodePoint) {
        for (NormalizedText.Run run : text.runs()) {
            if (run.span().kind() == AtomicSpan.Kind.EMOJI) {
                Arrays.fill(ids, run.from(), run.to(), idOfCodePoint.applyAsInt(EMOJI_READ_AS));
            }
        }
    }

    /**
     * Scores every text in one pass of {@code scorer}.
     *
     * @param ids per text, the model input of each of its positions
     * @return per text, in the order given, its scored pieces
     */
    public static List<ScoredText> score(SequenceScorer scorer, List<NormalizedText> texts, List<int[]> ids)
            throws TranslateException {
        Pieces pieces = cut(texts, ids, scorer.maxLength());
        return pieces.scored(scorer.score(pieces.sequences()));
    }

    /**
     * Cuts each text longer than {@code maxLength} at sentence punctuation, never inside an atomic run.
     *
     * @param ids per text, the model input of each of its positions
     */
    public static Pieces cut(List<NormalizedText> texts, List<int[]> ids, int maxLength) {
        if (texts.size() != ids.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + ids.size() + " id sequences");
        }
        List<int[]> sequences = new ArrayList<>();
        List<int[]> spans = new ArrayList<>(); // per piece: its text, its first position
        for (int k = 0; k < texts.size(); k++) {
            NormalizedText text = texts.get(k);
            int[] textIds = ids.get(k);
            int n = text.length();
            if (textIds.length != n) {
                throw new IllegalArgumentException("Text " + k + " has " + n + " positions but " + textIds.length + " ids");
            }
            List<int[]> chunks = n == 0 ? List.of() : n <= maxLength ? List.of(new int[] {0, n})
                    : SentenceChunker.chunks(text, maxLength);
            for (int[] chunk : chunks) {
                sequences.add(chunks.size() == 1 ? textIds : Arrays.copyOfRange(textIds, chunk[0], chunk[1]));
                spans.add(new int[] {k, chunk[0]});
            }
        }
        return new Pieces(List.copyOf(texts), sequences, spans);
    }

    /**
     * Texts cut into the pieces a model takes, in text order: together a text's pieces cover each of its
     * positions once. Immutable.
     */
    public static final class Pieces {
        private final List<NormalizedText> texts;
        private final List<int[]> sequences;
        private final List<int[]> spans;

        private Pieces(List<NormalizedText> texts, List<int[]> sequences, List<int[]> spans) {
            this.texts = texts;
            this.sequences = sequences;
            this.spans = spans;
        }

        /** The model input of each piece. */
        public List<int[]> sequences() {
            return sequences;
        }

        /** The index of the text piece {@code piece} was cut from. */
        public int textOf(int piece) {
            return spans.get(piece)[0];
        }

        /** Per text, its pieces with their {@code scores} (one per piece, in piece order) at their positions. */
        public List<ScoredText> scored(List<SequenceScores> scores) {
            if (scores.size() != sequences.size()) {
                throw new IllegalArgumentException(sequences.size() + " pieces but " + scores.size() + " scores");
            }
            List<List<ScoredText.Piece>> piecesOfText = new ArrayList<>(texts.size());
            for (int k = 0; k < texts.size(); k++) {
                piecesOfText.add(new ArrayList<>());
            }
            for (int p = 0; p < scores.size(); p++) {
                piecesOfText.get(textOf(p)).add(new ScoredText.Piece(spans.get(p)[1], scores.get(p)));
            }
            List<ScoredText> out = new ArrayList<>(texts.size());
            for (int k = 0; k < texts.size(); k++) {
                out.add(new ScoredText(texts.get(k), List.copyOf(piecesOfText.get(k))));
            }
            return out;
        }
    }
}
