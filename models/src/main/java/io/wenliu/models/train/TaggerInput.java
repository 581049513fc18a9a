package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.WordPositions;

/**
 * The network input of a training or dev sequence: the vocabulary id of each character, packed with
 * its position in its gold word ({@link WordPositions}) when the network takes word positions.
 * Immutable and thread-safe.
 */
final class TaggerInput {
    private final CharVocabulary vocabulary;
    private final TaggingTask wordsFrom;

    /** @param wordsFrom the task whose gold words give the positions, or null for character ids only */
    private TaggerInput(CharVocabulary vocabulary, TaggingTask wordsFrom) {
        this.vocabulary = vocabulary;
        this.wordsFrom = wordsFrom;
    }

    static TaggerInput of(CharVocabulary vocabulary, TaggingTask task, TaggerHyperParameters hp) {
        return new TaggerInput(vocabulary, hp.wordPositions() ? task : null);
    }

    boolean takesWordPositions() {
        return wordsFrom != null;
    }

    CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The ids of a sequence, with its gold word positions when the network takes them. */
    int[] ids(TaggedSequence sequence) {
        return ids(sequence, true);
    }

    /**
     * The ids of a sequence; {@code givePositions} false leaves out the word positions (all
     * {@link WordPositions#UNKNOWN}), as for a text whose words are not known.
     */
    int[] ids(TaggedSequence sequence, boolean givePositions) {
        int[] cps = sequence.codePoints();
        int[] ids = new int[cps.length];
        int[] positions = wordsFrom == null || !givePositions ? null : WordPositions.of(wordsFrom.wordStarts(sequence));
        for (int t = 0; t < cps.length; t++) {
            ids[t] = positions == null ? vocabulary.id(cps[t])
                    : WordPositions.pack(vocabulary.id(cps[t]), positions[t], vocabulary.size());
        }
        return ids;
    }
}
