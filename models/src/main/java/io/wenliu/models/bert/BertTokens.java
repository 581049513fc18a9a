package io.wenliu.models.bert;

import java.util.Arrays;

/**
 * Word-piece tokens of a text: their vocabulary ids and {@code [start, end)} offsets (UTF-16 units)
 * in the original text. Immutable by convention: the arrays are not copied.
 */
public record BertTokens(int[] ids, int[] starts, int[] ends) {
    public BertTokens {
        if (ids.length != starts.length || ids.length != ends.length) {
            throw new IllegalArgumentException("ids, starts and ends differ in length");
        }
    }

    public int size() {
        return ids.length;
    }

    /** Tokens {@code from} (inclusive) to {@code to} (exclusive). */
    public BertTokens slice(int from, int to) {
        return new BertTokens(Arrays.copyOfRange(ids, from, to), Arrays.copyOfRange(starts, from, to),
                Arrays.copyOfRange(ends, from, to));
    }
}
