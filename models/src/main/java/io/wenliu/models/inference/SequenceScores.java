package io.wenliu.models.inference;

/**
 * The CRF scores of one sequence, a view into its batch's output (not copied).
 *
 * @param emissions   the batch's emissions; this sequence's {@code length × tags} scores start at {@code offset}
 * @param transitions {@code tags × tags}
 */
public record SequenceScores(float[] emissions, int offset, int length, float[] transitions) {
}
