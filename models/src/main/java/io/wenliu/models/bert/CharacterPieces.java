package io.wenliu.models.bert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The encoder's inputs for tagging a text's characters: the text cut (at sentence ends, by
 * {@link BertTokenizer#chunks}) into stretches the encoder takes in one sequence, and for each
 * character of a stretch the word piece that covers it (bge's tokenizer gives one piece per CJK
 * character; a Latin or digit run becomes word pieces whose characters share their piece). A character
 * no piece covers (one the tokenizer's normaliser dropped) takes the piece before it. Stateless.
 */
public final class CharacterPieces {
    private CharacterPieces() {
    }

    /**
     * One stretch of a text.
     *
     * @param from            first character (code point index into the text)
     * @param to              one past the last character
     * @param ids             the pieces' ids between [CLS] and [SEP]
     * @param characterPieces for each character of the stretch, the index in {@code ids} of its piece (never 0)
     */
    public record Chunk(int from, int to, int[] ids, int[] characterPieces) {
        public int length() {
            return to - from;
        }
    }

    /**
     * Cuts the text {@code codePoints} into chunks of at most {@code maxPieces} pieces (without [CLS]
     * and [SEP]) and {@code maxCharacters} characters that together cover every character once, in order.
     */
    public static List<Chunk> chunks(BertTokenizer tokenizer, int[] codePoints, int maxPieces, int maxCharacters) {
        String text = new String(codePoints, 0, codePoints.length);
        int[] utf16Starts = new int[codePoints.length];
        for (int c = 0, offset = 0; c < codePoints.length; offset += Character.charCount(codePoints[c]), c++) {
            utf16Starts[c] = offset;
        }
        List<BertTokens> pieces = tokenizer.chunks(text, maxPieces);
        List<Chunk> chunks = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < pieces.size(); k++) {
            int to = k + 1 < pieces.size() ? characterAt(utf16Starts, pieces.get(k + 1).starts()[0]) : codePoints.length;
            cut(tokenizer, pieces.get(k), utf16Starts, from, to, maxCharacters, chunks);
            from = to;
        }
        if (from < codePoints.length) { // nothing the tokenizer kept (e.g. only control characters)
            cut(tokenizer, new BertTokens(new int[0], new int[0], new int[0]), utf16Starts, from, codePoints.length, maxCharacters, chunks);
        }
        return chunks;
    }

    /** Adds the chunks of characters [from, to) covered by {@code tokens}, at most {@code maxCharacters} each. */
    private static void cut(BertTokenizer tokenizer, BertTokens tokens, int[] utf16Starts, int from, int to, int maxCharacters, List<Chunk> out) {
        int[] piece = new int[to - from]; // index into tokens, or -1 where no token exists at all
        int j = -1;
        for (int c = from; c < to; c++) {
            while (j + 1 < tokens.size() && tokens.starts()[j + 1] <= utf16Starts[c]) {
                j++;
            }
            piece[c - from] = tokens.size() == 0 ? -1 : Math.max(j, 0);
        }
        int start = from;
        while (start < to) {
            int end = Math.min(to, start + maxCharacters);
            if (end < to) { // prefer not to split a piece's characters between chunks
                int cut = end;
                while (cut > start + 1 && piece[cut - from] == piece[cut - 1 - from]) {
                    cut--;
                }
                end = cut > start + 1 ? cut : end;
            }
            int first = piece[start - from];
            int last = piece[end - 1 - from];
            int count = first < 0 ? 0 : last - first + 1;
            int[] ids = tokenizer.withSpecialTokens(count == 0 ? tokens.slice(0, 0) : tokens.slice(first, last + 1));
            int[] characterPieces = new int[end - start];
            for (int c = start; c < end; c++) {
                characterPieces[c - start] = first < 0 ? 1 : piece[c - from] - first + 1;
            }
            out.add(new Chunk(start, end, ids, characterPieces));
            start = end;
        }
    }

    private static int characterAt(int[] utf16Starts, int utf16Offset) {
        int c = Arrays.binarySearch(utf16Starts, utf16Offset);
        return c >= 0 ? c : -c - 2;
    }
}
