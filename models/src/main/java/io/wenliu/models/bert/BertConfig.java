package io.wenliu.models.bert;

/**
 * The shape of a BERT encoder.
 *
 * @param vocabularySize  word-piece vocabulary
 * @param hidden          width of every layer's output
 * @param layers          transformer blocks
 * @param heads           attention heads per block ({@code hidden} divides evenly among them)
 * @param intermediate    width of the feed-forward layer
 * @param maxPositions    longest input, in tokens, [CLS] and [SEP] included
 * @param typeVocabulary  token types (segments)
 */
public record BertConfig(int vocabularySize, int hidden, int layers, int heads, int intermediate,
                         int maxPositions, int typeVocabulary) {
    /** bge-small-zh-v1.5 has 8 heads of 64 (its config.json; not recoverable from the weights). */
    public static final int BGE_SMALL_ZH_HEADS = 8;
    /** BERT's LayerNorm epsilon. */
    public static final float LAYER_NORM_EPSILON = 1e-12f;

    public BertConfig {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " does not divide among " + heads + " heads");
        }
    }

    public int headSize() {
        return hidden / heads;
    }
}
