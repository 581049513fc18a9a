package io.wenliu.models.train;

/** Best tag path of one sequence from its CRF emissions [length × tags] and transitions [tags × tags]. */
@FunctionalInterface
public interface SequenceDecoder {
    int[] decode(float[] emissions, float[] transitions, int length);
}
