package io.wenliu.models.sentiment;

import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Classifies documents of any length with a fine-tuned BERT sentiment network (the teacher).
 *
 * <ol>
 *   <li>Each document is tokenized and cut at sentence ends into chunks of at most 510 word pieces
 *       ({@link BertTokenizer#chunks}), each sent as [CLS] chunk [SEP].</li>
 *   <li>The chunks of all documents of the call are sorted by length and sent in batches of at most
 *       {@code maxBatchSize}, each padded to its longest chunk (the network masks padding).</li>
 *   <li>A document's logit is the mean of its chunks' logits weighted by their word pieces; its
 *       probability is the sigmoid of that. A document with no word pieces gets 0.5.</li>
 * </ol>
 *
 * <p>Borrows the tokenizer and the network; not thread-safe when the network is not.
 */
public final class BertSentimentClassifier implements DocumentClassifier {
    /** The encoder's 512 positions less [CLS] and [SEP]. */
    public static final int MAX_PIECES = 510;

    private final BertTokenizer tokenizer;
    private final ChunkLogits network;
    private final int maxBatchSize;

    public BertSentimentClassifier(BertTokenizer tokenizer, ChunkLogits network, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.tokenizer = tokenizer;
        this.network = network;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public List<SentimentPrediction> classify(List<String> texts) throws Exception {
        List<int[]> chunks = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int d = 0; d < texts.size(); d++) {
            for (BertTokens chunk : tokenizer.chunks(texts.get(d), MAX_PIECES)) {
                chunks.add(tokenizer.withSpecialTokens(chunk));
                owners.add(d);
            }
        }
        float[] logits = chunkLogits(chunks);
        int[] pieces = chunks.stream().mapToInt(chunk -> chunk.length - 2).toArray(); // less [CLS] and [SEP]
        return SentimentClassifier.predictions(texts.size(), owners, logits, pieces);
    }

    private float[] chunkLogits(List<int[]> chunks) throws Exception {
        float[] logits = new float[chunks.size()];
        Integer[] order = new Integer[chunks.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> chunks.get(i).length));
        for (int from = 0; from < order.length; from += maxBatchSize) {
            int to = Math.min(order.length, from + maxBatchSize);
            int length = chunks.get(order[to - 1]).length;
            int[] ids = new int[(to - from) * length]; // 0 is [PAD]
            for (int b = from; b < to; b++) {
                System.arraycopy(chunks.get(order[b]), 0, ids, (b - from) * length, chunks.get(order[b]).length);
            }
            float[] batch = network.logits(ids, to - from, length);
            for (int b = from; b < to; b++) {
                logits[order[b]] = batch[b - from];
            }
        }
        return logits;
    }
}
