package io.wenliu.models.sentiment;

import io.wenliu.models.vocab.CharVocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Classifies documents of any length with a network that reads at most {@code maxLength}
 * characters.
 *
 * <ol>
 *   <li>Each document is cut into chunks by {@link SentimentChunker} (sentence boundaries, at most
 *       {@code maxLength} characters each).</li>
 *   <li>The chunks of all documents of the call are sorted by length and sent to the network in
 *       batches of at most {@code maxBatchSize} chunks whose lengths are within a factor 1.5 of each
 *       other, each padded to its longest chunk (the network masks padding, so the padding does not
 *       change a chunk's logit).</li>
 *   <li>A document's logit is the length-weighted mean of its chunks' logits, so every character
 *       weighs the same whatever chunk it fell in; its probability is the sigmoid of that logit.
 *       A document with no characters left after whitespace removal gets 0.5 (no evidence either
 *       way) without calling the network.</li>
 * </ol>
 *
 * <p>Not thread-safe when its {@link ChunkLogits} is not (a DJL predictor is not); borrows it.
 */
public final class SentimentClassifier implements DocumentClassifier {
    private static final int MIN_WIDTH = 8;
    private final CharVocabulary vocabulary;
    private final SentimentChunker chunker;
    private final ChunkLogits network;
    private final int maxBatchSize;

    public SentimentClassifier(CharVocabulary vocabulary, SentimentChunker chunker, ChunkLogits network, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.vocabulary = vocabulary;
        this.chunker = chunker;
        this.network = network;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public List<SentimentPrediction> classify(List<String> texts) throws Exception {
        List<int[]> chunks = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int d = 0; d < texts.size(); d++) {
            for (int[] chunk : chunker.chunk(texts.get(d))) {
                chunks.add(chunk);
                owners.add(d);
            }
        }
        float[] logits = chunkLogits(chunks);
        int[] sizes = chunks.stream().mapToInt(chunk -> chunk.length).toArray();
        return predictions(texts.size(), owners, logits, sizes);
    }

    /**
     * Each document's prediction from its chunks' logits: the sigmoid of their mean weighted by
     * {@code sizes} (characters or word pieces), 0.5 for a document without chunks.
     *
     * @param owners the document of each chunk
     */
    static List<SentimentPrediction> predictions(int documents, List<Integer> owners, float[] logits, int[] sizes) {
        double[] weighted = new double[documents];
        long[] total = new long[documents];
        int[] counts = new int[documents];
        for (int c = 0; c < logits.length; c++) {
            int d = owners.get(c);
            weighted[d] += (double) logits[c] * sizes[c];
            total[d] += sizes[c];
            counts[d]++;
        }
        List<SentimentPrediction> predictions = new ArrayList<>(documents);
        for (int d = 0; d < documents; d++) {
            predictions.add(SentimentPrediction.ofLogit(counts[d] == 0 ? 0 : weighted[d] / total[d], counts[d]));
        }
        return predictions;
    }

    /** The network's logit of each chunk (code points already normalized), in order. */
    public float[] chunkLogits(List<int[]> chunks) throws Exception {
        float[] logits = new float[chunks.size()];
        Integer[] order = new Integer[chunks.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> chunks.get(i).length));
        int from = 0;
        while (from < order.length) {
            // a batch holds chunks of at most 1.5 times its shortest one (and at least 8), so padding
            // wastes at most a third of a call however mixed the lengths
            int limit = Math.max(MIN_WIDTH, chunks.get(order[from]).length * 3 / 2);
            int to = from;
            while (to < order.length && to - from < maxBatchSize && chunks.get(order[to]).length <= limit) {
                to++;
            }
            int length = chunks.get(order[to - 1]).length;
            int[] ids = new int[(to - from) * length];
            for (int b = from; b < to; b++) {
                int[] chunk = chunks.get(order[b]);
                for (int t = 0; t < chunk.length; t++) {
                    ids[(b - from) * length + t] = vocabulary.id(chunk[t]);
                }
            }
            float[] batch = network.logits(ids, to - from, length);
            for (int b = from; b < to; b++) {
                logits[order[b]] = batch[b - from];
            }
            from = to;
        }
        return logits;
    }
}
