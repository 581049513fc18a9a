package io.wenliu.models.sentiment;

import io.wenliu.models.text.NormalizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a document into the pieces the sentiment model reads: its characters as every model sees
 * them ({@link NormalizedText}: folded, whitespace and invisible characters removed), at most
 * {@code maxLength} per piece.
 *
 * <p>The algorithm: the text is split into sentences after sentence-final punctuation
 * ({@value #SENTENCE_ENDS}) and at line breaks; consecutive sentences are packed greedily into
 * chunks of at most {@code maxLength}. A sentence longer than that is cut after the last clause
 * mark ({@value #CLAUSE_ENDS}) that fits, else hard at {@code maxLength}. A text that fits is one
 * chunk, unchanged. Both training (long reviews become several examples with the review's label)
 * and serving (chunk logits are combined, see {@link SentimentClassifier}) use this class, so they
 * see the same pieces. Immutable and thread-safe.
 */
public final class SentimentChunker {
    static final String SENTENCE_ENDS = "。！？!?；;…";
    static final String CLAUSE_ENDS = "，,、：:）)」』”";

    private final int maxLength;

    public SentimentChunker(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The chunks of {@code text} in reading order; empty when no character is left. */
    public List<int[]> chunk(String text) {
        List<int[]> sentences = sentences(text);
        List<int[]> chunks = new ArrayList<>();
        int[] current = new int[Math.min(maxLength, sentences.stream().mapToInt(s -> s.length).sum())];
        int used = 0;
        for (int[] sentence : sentences) {
            if (used > 0 && used + sentence.length > maxLength) {
                chunks.add(Arrays.copyOf(current, used));
                used = 0;
            }
            int from = 0;
            while (sentence.length - from > maxLength) { // only when used == 0
                int cut = clauseCut(sentence, from);
                chunks.add(Arrays.copyOfRange(sentence, from, cut));
                from = cut;
            }
            System.arraycopy(sentence, from, current, used, sentence.length - from);
            used += sentence.length - from;
        }
        if (used > 0) {
            chunks.add(Arrays.copyOf(current, used));
        }
        return chunks;
    }

    private int clauseCut(int[] sentence, int from) {
        for (int end = from + maxLength; end > from + maxLength / 2; end--) {
            if (CLAUSE_ENDS.indexOf(sentence[end - 1]) >= 0) {
                return end;
            }
        }
        return from + maxLength;
    }

    private static List<int[]> sentences(String text) {
        List<int[]> sentences = new ArrayList<>();
        NormalizedText normalized = NormalizedText.of(text);
        int[] cps = normalized.codePoints();
        int from = 0;
        for (int i = 0; i < cps.length; i++) {
            if (i > from && normalized.spaceBefore(i) && lineBreakBefore(normalized, i)) {
                sentences.add(Arrays.copyOfRange(cps, from, i));
                from = i;
            }
            boolean end = SENTENCE_ENDS.indexOf(cps[i]) >= 0;
            // keep runs such as "！！！" or "?!" with their sentence
            boolean nextAlsoEnd = i + 1 < cps.length && SENTENCE_ENDS.indexOf(cps[i + 1]) >= 0;
            if (end && !nextAlsoEnd) {
                sentences.add(Arrays.copyOfRange(cps, from, i + 1));
                from = i + 1;
            }
        }
        if (from < cps.length) {
            sentences.add(Arrays.copyOfRange(cps, from, cps.length));
        }
        return sentences;
    }

    private static boolean lineBreakBefore(NormalizedText text, int i) {
        String gap = text.original().substring(text.end(i - 1), text.start(i));
        return gap.indexOf('\n') >= 0 || gap.indexOf('\r') >= 0;
    }
}
