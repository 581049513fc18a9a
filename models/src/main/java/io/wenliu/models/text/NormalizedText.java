package io.wenliu.models.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * The characters of a text as a character model sees them: one position per non-whitespace code
 * point, folded by {@link CharNormalizer}, each remembering where it sits in the original string.
 *
 * <p>Whitespace ({@link Character#isWhitespace} or {@link Character#isSpaceChar}, as in training) is
 * dropped, because the models never saw any; {@link #spaceBefore(int)} tells where it was, so that
 * callers can force a word boundary there. Offsets are UTF-16 indices into the original text (a
 * supplementary character such as an emoji spans two), so {@code text.substring(start(i), end(j))}
 * is always the original spelling. Immutable and thread-safe.
 */
public final class NormalizedText {
    private final String original;
    private final int[] codePoints;
    private final int[] starts;
    private final boolean[] spaceBefore;

    private NormalizedText(String original, int[] codePoints, int[] starts, boolean[] spaceBefore) {
        this.original = original;
        this.codePoints = codePoints;
        this.starts = starts;
        this.spaceBefore = spaceBefore;
    }

    public static NormalizedText of(String text) {
        Objects.requireNonNull(text, "text");
        int[] cps = new int[text.length()];
        int[] starts = new int[text.length()];
        boolean[] space = new boolean[text.length()];
        int n = 0;
        boolean sawSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                sawSpace = n > 0;
            } else {
                cps[n] = CharNormalizer.normalize(cp);
                starts[n] = i;
                space[n] = sawSpace;
                sawSpace = false;
                n++;
            }
            i += Character.charCount(cp);
        }
        return new NormalizedText(text, Arrays.copyOf(cps, n), Arrays.copyOf(starts, n), Arrays.copyOf(space, n));
    }

    /** Whether the models treat {@code codePoint} as whitespace (never a position of its own). */
    public static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    public String original() {
        return original;
    }

    /** Number of positions (non-whitespace code points). */
    public int length() {
        return codePoints.length;
    }

    /** The normalized code point at position {@code i}. */
    public int codePoint(int i) {
        return codePoints[i];
    }

    /** A copy of all normalized code points. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** UTF-16 offset in the original text where position {@code i} begins. */
    public int start(int i) {
        return starts[i];
    }

    /** UTF-16 offset in the original text just past position {@code i}. */
    public int end(int i) {
        return starts[i] + Character.charCount(original.codePointAt(starts[i]));
    }

    /** Whether whitespace separates position {@code i} from position {@code i - 1}. */
    public boolean spaceBefore(int i) {
        return spaceBefore[i];
    }
}
