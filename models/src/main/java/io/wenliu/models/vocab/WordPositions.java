package io.wenliu.models.vocab;

/**
 * Model input ids that carry, besides the character, where the character sits in its word, for
 * taggers that are given the words (the part-of-speech tagger tags the segmenter's words). Both go in
 * the one {@code token_ids} tensor a tagger SavedModel takes: {@code characterId + vocabularySize ×
 * position}, which the network splits again (floor division and remainder). Padding stays id 0, and a
 * character with no known word keeps its plain id ({@link #UNKNOWN} = 0). Stateless.
 */
public final class WordPositions {
    /** No word is known for the character. */
    public static final int UNKNOWN = 0;
    public static final int BEGIN = 1;
    public static final int MIDDLE = 2;
    public static final int END = 3;
    /** A one-character word. */
    public static final int SINGLE = 4;
    /** How many positions there are: the rows of the network's position embeddings. */
    public static final int COUNT = 5;

    private WordPositions() {
    }

    /** The input id of a character ({@link CharVocabulary#id}) at {@code position} in its word. */
    public static int pack(int characterId, int position, int vocabularySize) {
        if (position < UNKNOWN || position >= COUNT) {
            throw new IllegalArgumentException("no word position " + position);
        }
        if ((long) vocabularySize * COUNT > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a vocabulary of " + vocabularySize + " ids is too large to pack");
        }
        return characterId + vocabularySize * position;
    }

    /**
     * The position of every character of a sequence whose words are known.
     *
     * @param startsWord whether each position begins a word (position 0 always does)
     */
    public static int[] of(boolean[] startsWord) {
        int n = startsWord.length;
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = of(i == 0 || startsWord[i], i + 1 == n || startsWord[i + 1]);
        }
        return positions;
    }

    /** The position of a character that begins and/or ends its word. */
    public static int of(boolean begins, boolean ends) {
        return begins && ends ? SINGLE : begins ? BEGIN : ends ? END : MIDDLE;
    }
}
