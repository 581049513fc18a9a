package io.wenliu.models.inference;

/**
 * Character ids of several sequences padded to one width, row-major: the model input of one call.
 * Padding is id 0; the tagger network masks it, so real positions score the same at any width.
 *
 * @param ids   {@code size × width} ids
 * @param size  number of sequences
 * @param width padded length of every sequence
 */
public record TokenBatch(int[] ids, int size, int width) {
    public TokenBatch {
        if (size < 1 || width < 1 || ids.length != size * width) {
            throw new IllegalArgumentException(ids.length + " ids do not make " + size + " sequences of width " + width);
        }
    }
}
