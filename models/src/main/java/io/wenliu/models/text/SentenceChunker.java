package io.wenliu.models.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long character sequence into pieces no longer than a model's largest input, so that nothing
 * is ever truncated.
 *
 * <p>A piece ends, in order of preference, after the last sentence-final mark ({@code 。！？；…} and
 * ASCII {@code !?;}, together with any closing quotes or brackets that follow it), after the last
 * clause mark ({@code ，、：,:}), or, in a text without any punctuation within {@code maxLength}
 * characters, exactly at {@code maxLength}. Works on normalized code points (full-width ASCII
 * already folded). Given a {@link NormalizedText}, it never cuts inside one of its atomic runs (the
 * comma of {@code 8,999}, the colon of a URL), unless a single run is longer than {@code maxLength}.
 * Stateless and thread-safe.
 */
public final class SentenceChunker {
    private static final String SENTENCE_FINAL = "。！？；…!?;";
    private static final String CLAUSE = "，、：,:";
    private static final String CLOSING = "”’」』）》〉】\"')]";

    private SentenceChunker() {
    }

    /**
     * The pieces of {@code codePoints} as {@code [start, end)} position ranges, in order, covering
     * every position exactly once.
     */
    public static List<int[]> chunks(int[] codePoints, int maxLength) {
        return chunks(codePoints, new boolean[codePoints.length + 1], maxLength);
    }

    /** The pieces of {@code text}'s positions, as {@link #chunks(int[], int)}, none cut inside an atomic run. */
    public static List<int[]> chunks(NormalizedText text, int maxLength) {
        boolean[] insideRun = new boolean[text.length() + 1];
        for (NormalizedText.Run run : text.runs()) {
            for (int i = run.from() + 1; i < run.to(); i++) {
                insideRun[i] = true;
            }
        }
        return chunks(text.codePoints(), insideRun, maxLength);
    }

    /** @param insideRun per position, whether a piece may not start there */
    private static List<int[]> chunks(int[] codePoints, boolean[] insideRun, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        List<int[]> chunks = new ArrayList<>();
        int start = 0;
        int n = codePoints.length;
        while (n - start > maxLength) {
            int end = cut(codePoints, insideRun, start, start + maxLength);
            chunks.add(new int[] {start, end});
            start = end;
        }
        if (start < n) {
            chunks.add(new int[] {start, n});
        }
        return chunks;
    }

    /** Where to end a piece that starts at {@code start} and may not reach past {@code limit}. */
    private static int cut(int[] cps, boolean[] insideRun, int start, int limit) {
        int clause = -1;
        int hard = -1;
        for (int i = limit; i > start; i--) {
            if (insideRun[i]) {
                continue;
            }
            hard = hard < 0 ? i : hard;
            int c = cps[i - 1];
            if (isIn(SENTENCE_FINAL, c) || (isIn(CLOSING, c) && closesSentence(cps, start, i - 1))) {
                return i;
            }
            if (clause < 0 && isIn(CLAUSE, c)) {
                clause = i;
            }
        }
        return clause > 0 ? clause : hard > 0 ? hard : limit;
    }

    /** Whether the closing marks ending at {@code i} follow a sentence-final mark. */
    private static boolean closesSentence(int[] cps, int start, int i) {
        int j = i;
        while (j > start && isIn(CLOSING, cps[j])) {
            j--;
        }
        return isIn(SENTENCE_FINAL, cps[j]);
    }

    private static boolean isIn(String marks, int codePoint) {
        return marks.indexOf(codePoint) >= 0;
    }
}
