package io.wenliu.models.text;

/**
 * Folds characters the models should not tell apart: full-width ASCII to half-width, the
 * ideographic space to a space, ASCII letters to lower case.
 *
 * <p>It maps one code point to one code point, so a normalized sequence lines up with the original
 * one position for position; reported offsets therefore always index the original text. The trainer
 * and the runtime must use this same mapping: it is part of every model artifact's contract.
 * Stateless and thread-safe.
 */
public final class CharNormalizer {
    private static final int FULLWIDTH_FIRST = 0xFF01; // ！
    private static final int FULLWIDTH_LAST = 0xFF5E;  // ～
    private static final int FULLWIDTH_OFFSET = 0xFF01 - 0x21;
    private static final int IDEOGRAPHIC_SPACE = 0x3000;

    private CharNormalizer() {
    }

    /** The normalized form of one code point. */
    public static int normalize(int codePoint) {
        int c = codePoint;
        if (c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST) {
            c -= FULLWIDTH_OFFSET;
        } else if (c == IDEOGRAPHIC_SPACE) {
            c = ' ';
        }
        if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        return c;
    }

    /** Code points of {@code text}, each normalized; one element per code point of the input. */
    public static int[] normalizedCodePoints(CharSequence text) {
        return text.codePoints().map(CharNormalizer::normalize).toArray();
    }
}
