package io.wenliu.models.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The characters of a text as a character model sees them: one position per non-whitespace code
 * point, folded by {@link CharNormalizer}, each remembering where it sits in the original string.
 *
 * <p>Whitespace ({@link Character#isWhitespace} or {@link Character#isSpaceChar}, as in training) and
 * invisible characters ({@link #isInvisible}: zero-width space and joiners, byte-order mark, soft
 * hyphen, variation selectors) are dropped, because the models never saw any; {@link #spaceBefore(int)}
 * tells where they were, so that callers can force a word boundary there. The one exception: inside
 * an emoji sequence a joiner or selector is part of the emoji and keeps its position.
 *
 * <p>The text's atomic runs ({@link PreTokenizer}) come with it as position ranges ({@link #runs()}),
 * so that every model constrains its decoding by the same runs.
 *
 * <p>Offsets are UTF-16 indices into the original text (a supplementary character such as an emoji
 * spans two), so {@code text.substring(start(i), end(j))} is always the original spelling.
 * Immutable and thread-safe.
 */
public final class NormalizedText {
    private final String original;
    private final int[] codePoints;
    private final int[] starts;
    private final boolean[] spaceBefore;
    private final List<Run> runs;

    /**
     * An atomic run and the positions it covers.
     *
     * @param span where it is in the original text
     * @param from its first position
     * @param to   the position just past its last
     */
    public record Run(AtomicSpan span, int from, int to) {
    }

    private NormalizedText(String original, int[] codePoints, int[] starts, boolean[] spaceBefore, List<AtomicSpan> spans) {
        this.original = original;
        this.codePoints = codePoints;
        this.starts = starts;
        this.spaceBefore = spaceBefore;
        List<Run> positioned = new ArrayList<>(spans.size());
        int i = 0;
        for (AtomicSpan span : spans) {
            while (i < starts.length && starts[i] < span.start()) {
                i++;
            }
            int from = i;
            while (i < starts.length && starts[i] < span.end()) {
                i++;
            }
            positioned.add(new Run(span, from, i));
        }
        this.runs = List.copyOf(positioned);
    }

    public static NormalizedText of(String text) {
        Objects.requireNonNull(text, "text");
        int[] cps = new int[text.length()];
        int[] starts = new int[text.length()];
        boolean[] space = new boolean[text.length()];
        int n = 0;
        boolean sawSpace = false;
        List<AtomicSpan> spans = PreTokenizer.spans(text);
        int span = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            while (span < spans.size() && spans.get(span).end() <= i) {
                span++;
            }
            boolean inEmoji = span < spans.size() && spans.get(span).start() <= i
                    && spans.get(span).kind() == AtomicSpan.Kind.EMOJI;
            if (isSpace(cp) || isInvisible(cp) && !inEmoji) {
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
        return new NormalizedText(text, Arrays.copyOf(cps, n), Arrays.copyOf(starts, n), Arrays.copyOf(space, n), spans);
    }

    /** Whether the models treat {@code codePoint} as whitespace (never a position of its own). */
    public static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /**
     * Whether {@code codePoint} is invisible: a format character (zero-width space, non-joiner and
     * joiner, word joiner, byte-order mark, soft hyphen, direction marks, tags) or a variation
     * selector. Outside emoji sequences the models treat it as whitespace.
     */
    public static boolean isInvisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT
                || codePoint >= 0xFE00 && codePoint <= 0xFE0F || codePoint >= 0xE0100 && codePoint <= 0xE01EF;
    }

    /** The atomic runs of the text, in order, with the positions each covers. */
    public List<Run> runs() {
        return runs;
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
