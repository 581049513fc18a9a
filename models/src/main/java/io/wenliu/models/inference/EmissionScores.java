package io.wenliu.models.inference;

/**
 * What a CRF tagger computes for one {@link TokenBatch}: tag scores per position and the transition
 * matrix, both copied out of native memory.
 *
 * @param emissions   {@code size × width × tags}, row-major
 * @param transitions {@code tags × tags}, {@code [from × tags + to]}
 */
public record EmissionScores(float[] emissions, float[] transitions, int size, int width, int tags) {
    public EmissionScores {
        if (emissions.length != size * width * tags || transitions.length != tags * tags) {
            throw new IllegalArgumentException("Model output of " + emissions.length + " emissions and "
                    + transitions.length + " transitions does not fit " + size + " × " + width + " × " + tags);
        }
    }

    /** Index in {@link #emissions()} of the first score of sequence {@code row}. */
    public int offset(int row) {
        return row * width * tags;
    }
}
