package io.wenliu.models.similarity;

import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.text.SentenceChunker;
import io.wenliu.models.vocab.CharVocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns sentences into the padded character-id matrices the sentence encoder takes: characters
 * as every model sees them ({@link NormalizedText}: folded, whitespace and invisible characters dropped), cut after {@code maxLength}
 * characters, unknown characters mapped to {@link CharVocabulary#UNKNOWN_ID}. The trainer and the
 * runtime share it; it is part of the similarity artifact's contract. Immutable and thread-safe.
 */
public final class SentenceTokenizer {
    private final CharVocabulary vocabulary;
    private final int maxLength;

    public SentenceTokenizer(CharVocabulary vocabulary, int maxLength) {
        this.vocabulary = vocabulary;
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The ids of {@code text}, at least one (a text without characters becomes one unknown id). */
    public int[] ids(String text) {
        NormalizedText normalized = NormalizedText.of(text);
        int n = Math.min(normalized.length(), maxLength);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = vocabulary.id(normalized.codePoint(i));
        }
        return n == 0 ? new int[] {CharVocabulary.UNKNOWN_ID} : ids;
    }

    /**
     * The ids of all of {@code text}, in pieces of at most {@code maxLength} characters cut at sentence
     * ends ({@link SentenceChunker}); at least one piece.
     */
    public List<int[]> chunkIds(String text) {
        NormalizedText normalized = NormalizedText.of(text);
        if (normalized.length() == 0) {
            return List.of(new int[] {CharVocabulary.UNKNOWN_ID});
        }
        List<int[]> chunks = new ArrayList<>();
        for (int[] range : SentenceChunker.chunks(normalized, maxLength)) {
            int[] ids = new int[range[1] - range[0]];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = vocabulary.id(normalized.codePoint(range[0] + i));
            }
            chunks.add(ids);
        }
        return chunks;
    }

    /** Row-major [texts, longest] ids, zero-padded; {@code width[0]} receives the padded length. */
    public int[] paddedIds(List<String> texts, int[] width) {
        int[][] rows = new int[texts.size()][];
        int longest = 1;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ids(texts.get(i));
            longest = Math.max(longest, rows[i].length);
        }
        int[] matrix = new int[rows.length * longest];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, matrix, i * longest, rows[i].length);
        }
        width[0] = longest;
        return matrix;
    }
}
