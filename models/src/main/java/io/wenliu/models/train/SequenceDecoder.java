package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;

/**
 * Best tag path of one dev sequence from its CRF emissions [length × tags] and transitions [tags × tags].
 * It gets the gold sequence so that a task can decode as the service does when the service is given
 * more than the text (part-of-speech tagging is given the words); it must not read the gold tags otherwise.
 */
@FunctionalInterface
public interface SequenceDecoder {
    int[] decode(float[] emissions, float[] transitions, TaggedSequence sequence);
}
