package io.wenliu.models.train.encoder;

import java.util.List;

/**
 * Hyper-parameters of the sentence encoder and its training. Immutable.
 *
 * @param dimension     size of the output embedding
 * @param charDim       character embedding size
 * @param bigramBuckets hash buckets of character bigrams (0: no bigram features)
 * @param bigramDim     bigram embedding size
 * @param dilations     one residual gated convolution block per entry, with this dilation
 * @param kernelSize    convolution width (odd)
 * @param dropout       dropout rate while training
 * @param maxLength     characters kept per sentence (longer ones are cut)
 * @param batchSize     sentence pairs per step
 * @param learningRate  Adam's step size
 * @param scale         temperature of both losses: logits are {@code scale × cosine}
 * @param margin        additive margin subtracted from the positive pair's cosine (AM-Softmax)
 * @param maxEpochs     most passes over the training pairs
 * @param seed          seed of initialisation, shuffling and dropout
 */
public record EncoderHyperParameters(int dimension, int charDim, int bigramBuckets, int bigramDim,
                                     List<Integer> dilations, int kernelSize, float dropout, int maxLength,
                                     int batchSize, float learningRate, float scale, float margin, int maxEpochs,
                                     long seed) {
    public EncoderHyperParameters {
        dilations = List.copyOf(dilations);
        if (kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernelSize must be odd, got " + kernelSize);
        }
    }

    /** Channels inside the convolution blocks: characters and bigrams concatenated. */
    public int channels() {
        return charDim + (bigramBuckets > 0 ? bigramDim : 0);
    }

    public EncoderHyperParameters withMaxEpochs(int epochs) {
        return new EncoderHyperParameters(dimension, charDim, bigramBuckets, bigramDim, dilations, kernelSize, dropout,
                maxLength, batchSize, learningRate, scale, margin, epochs, seed);
    }

    /** The settings of similarity model v1. */
    public static EncoderHyperParameters defaults() {
        return new EncoderHyperParameters(128, 96, 20_000, 32, List.of(1, 2, 4), 3, 0.1f, 48, 64, 2e-3f, 20f, 0.2f,
                8, 20_261_122L);
    }
}
