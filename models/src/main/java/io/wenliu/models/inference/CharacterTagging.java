package io.wenliu.models.inference;

import ai.djl.translate.TranslateException;
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
 * ({@link ScoredText}). What the ids mean and how the scores are decoded is the tagger's own.
 * Stateless and thread-safe.
 */
public final class CharacterTagging {
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
     * Scores every text in one pass of {@code scorer}.
     *
     * @param ids per text, the model input of each of its positions
     * @return per text, in the order given, its scored pieces
     */
    public static List<ScoredText> score(SequenceScorer scorer, List<NormalizedText> texts, List<int[]> ids)
            throws TranslateException {
        if (texts.size() != ids.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + ids.size() + " id sequences");
        }
        int maxLength = scorer.maxLength();
        List<List<int[]>> chunksOfText = new ArrayList<>(texts.size());
        List<int[]> pieces = new ArrayList<>();
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
                pieces.add(chunks.size() == 1 ? textIds : Arrays.copyOfRange(textIds, chunk[0], chunk[1]));
            }
            chunksOfText.add(chunks);
        }
        List<SequenceScores> scores = scorer.score(pieces);
        List<ScoredText> out = new ArrayList<>(texts.size());
        int piece = 0;
        for (int k = 0; k < texts.size(); k++) {
            List<ScoredText.Piece> scored = new ArrayList<>(chunksOfText.get(k).size());
            for (int[] chunk : chunksOfText.get(k)) {
                scored.add(new ScoredText.Piece(chunk[0], scores.get(piece++)));
            }
            out.add(new ScoredText(texts.get(k), List.copyOf(scored)));
        }
        return out;
    }
}
