package io.wenliu.models.inference;

import ai.djl.translate.TranslateException;
import java.util.List;

/**
 * Computes CRF scores for character-id sequences: {@link TaggerModel} in production, a fixed table in
 * tests of the code around it. Implementations are thread-safe; the owner closes them.
 */
public interface SequenceScorer extends AutoCloseable {

    /** The longest sequence {@link #score} accepts. */
    int maxLength();

    /** The scores of each sequence, in the order given. */
    List<SequenceScores> score(List<int[]> sequences) throws TranslateException;

    @Override
    void close();
}
