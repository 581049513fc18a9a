package io.wenliu.models.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The padded lengths a character network is served at, and the batches sequences make at them: each
 * sequence is padded to the smallest length (8, 16, 24, 32, 48, … 512, capped by the model's longest input)
 * that holds it, and sequences of one length go to the model together, at most {@code maxBatchSize} per
 * call. The network's cost is proportional to the padded length, so the lengths are close together.
 * Padding is id 0, which the networks mask, so a position's scores do not depend on its length.
 * Immutable and thread-safe.
 */
final class LengthBuckets {
    /** Each about 1.5 times the previous: padding wastes at most a third of a call, ~15% on typical text. */
    private static final int[] LENGTHS = {8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};

    /**
     * One model call: the input and, per row, the index of the sequence it holds.
     *
     * @param sequences per row of {@code input}, the index of its sequence in the list batched
     */
    record Batch(int[] sequences, TokenBatch input) {
    }

    private final int[] lengths;

    private LengthBuckets(int[] lengths) {
        this.lengths = lengths;
    }

    /** The lengths for a model whose longest input is {@code maxLength}. */
    static LengthBuckets upTo(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        int largest = Math.min(maxLength, LENGTHS[LENGTHS.length - 1]);
        int[] fitting = Arrays.stream(LENGTHS).filter(b -> b < largest).toArray();
        int[] lengths = Arrays.copyOf(fitting, fitting.length + 1);
        lengths[fitting.length] = largest;
        return new LengthBuckets(lengths);
    }

    /** The padded lengths, ascending. */
    int[] lengths() {
        return lengths.clone();
    }

    /** The longest sequence served. */
    int maxLength() {
        return lengths[lengths.length - 1];
    }

    /**
     * The calls that serve {@code sequences}: sorted by length, grouped by padded length, at most
     * {@code maxBatchSize} a call. Empty sequences are in no call (they need none).
     *
     * @throws IllegalArgumentException when a sequence is longer than {@link #maxLength()}
     */
    List<Batch> batches(List<int[]> sequences, int maxBatchSize) {
        Integer[] order = IntStream.range(0, sequences.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(sequences.get(a).length, sequences.get(b).length));
        List<Batch> batches = new ArrayList<>();
        int from = 0;
        while (from < order.length && sequences.get(order[from]).length == 0) {
            from++;
        }
        while (from < order.length) {
            int width = bucket(sequences.get(order[from]).length);
            int to = from;
            while (to < order.length && to - from < maxBatchSize && sequences.get(order[to]).length <= width) {
                to++;
            }
            int[] rows = new int[to - from];
            int[] ids = new int[rows.length * width];
            for (int row = 0; row < rows.length; row++) {
                rows[row] = order[from + row];
                int[] sequence = sequences.get(rows[row]);
                System.arraycopy(sequence, 0, ids, row * width, sequence.length);
            }
            batches.add(new Batch(rows, new TokenBatch(ids, rows.length, width)));
            from = to;
        }
        return batches;
    }

    private int bucket(int length) {
        for (int b : lengths) {
            if (length <= b) {
                return b;
            }
        }
        throw new IllegalArgumentException("A sequence of " + length + " characters is longer than the model's "
                + maxLength() + "; cut it first (SentenceChunker)");
    }
}
