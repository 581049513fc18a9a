package io.wenliu.models.sentiment;

/**
 * One call of a sentiment network: the positive-class logit of each chunk of a padded batch.
 * Implemented over a DJL predictor for serving and over a TF-Java session while training, so both
 * share {@link SentimentClassifier}'s chunking and combination.
 */
@FunctionalInterface
public interface ChunkLogits {

    /**
     * @param tokenIds row-major [batch, length] vocabulary ids, 0 after each chunk's end
     * @return one logit per row
     */
    float[] logits(int[] tokenIds, int batch, int length) throws Exception;
}
