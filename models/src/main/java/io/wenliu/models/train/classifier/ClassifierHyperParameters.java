package io.wenliu.models.train.classifier;

import java.util.List;

/**
 * Hyper-parameters of a text classifier ({@link ClassifierNetwork}) and of its training run.
 *
 * @param channels      width of the embeddings and of every convolution block
 * @param bigramBuckets hashed character-bigram embedding rows (0: no bigram features); hashed in
 *                      the graph, so serving takes only character ids
 * @param bigramDim     width of the bigram embeddings, concatenated to character embeddings of
 *                      width {@code channels - bigramDim}
 * @param dilations     one residual gated convolution block per entry, with that dilation rate
 * @param kernelSize    taps of each convolution (odd)
 * @param attentionDim  width of the attention-pooling scorer's hidden layer
 * @param dropout       drop rate on the embeddings, on each block's output and on the pooled features
 * @param learningRate  Adam's step size (halved after every evaluation without improvement)
 * @param batchSize     chunks per training step
 * @param maxEpochs     passes over the training data at most
 * @param evaluationsPerEpoch dev evaluations (checkpoint candidates) per pass
 * @param patience      evaluations without a better dev accuracy before training stops early
 * @param maxLength     longest chunk in characters; longer documents are chunked
 * @param minCharCount  characters seen fewer times in training map to the unknown id
 * @param seed          seeds initialisation, shuffling and dropout
 * @param averageDecay  0: dev scoring and the artifact use the trained weights themselves; else their
 *                      exponential moving average with this decay
 *                      ({@link io.wenliu.models.train.ParameterAverages})
 */
public record ClassifierHyperParameters(
        int channels,
        int bigramBuckets,
        int bigramDim,
        List<Integer> dilations,
        int kernelSize,
        int attentionDim,
        float dropout,
        float learningRate,
        int batchSize,
        int maxEpochs,
        int evaluationsPerEpoch,
        int patience,
        int maxLength,
        int minCharCount,
        long seed,
        float averageDecay) {

    public ClassifierHyperParameters {
        dilations = List.copyOf(dilations);
        if (kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernelSize must be odd, got " + kernelSize);
        }
        if (bigramBuckets > 0 && (bigramDim <= 0 || bigramDim >= channels)) {
            throw new IllegalArgumentException("bigramDim must be in 1.." + (channels - 1) + ", got " + bigramDim);
        }
        if (averageDecay < 0 || averageDecay >= 1) {
            throw new IllegalArgumentException("averageDecay must be 0 (off) or in (0, 1), got " + averageDecay);
        }
        if (evaluationsPerEpoch < 1 || maxLength < 1 || batchSize < 1) {
            throw new IllegalArgumentException("evaluationsPerEpoch, maxLength and batchSize must be positive");
        }
    }

    /** Hyper-parameters of a run that keeps the trained weights themselves (no averaging). */
    public ClassifierHyperParameters(int channels, int bigramBuckets, int bigramDim, List<Integer> dilations, int kernelSize,
                                     int attentionDim, float dropout, float learningRate, int batchSize, int maxEpochs,
                                     int evaluationsPerEpoch, int patience, int maxLength, int minCharCount, long seed) {
        this(channels, bigramBuckets, bigramDim, dilations, kernelSize, attentionDim, dropout, learningRate, batchSize,
                maxEpochs, evaluationsPerEpoch, patience, maxLength, minCharCount, seed, 0f);
    }

    /** Defaults used for the committed sentiment model. */
    public static ClassifierHyperParameters sentimentDefaults() {
        return new ClassifierHyperParameters(128, 32768, 32, List.of(1, 2, 4), 3, 64, 0.2f, 2e-3f, 64,
                8, 2, 4, 256, 2, 20261121L);
    }

    public ClassifierHyperParameters withMaxEpochs(int epochs) {
        return new ClassifierHyperParameters(channels, bigramBuckets, bigramDim, dilations, kernelSize, attentionDim,
                dropout, learningRate, batchSize, epochs, evaluationsPerEpoch, patience, maxLength, minCharCount, seed, averageDecay);
    }

    public ClassifierHyperParameters withBigramBuckets(int buckets) {
        return new ClassifierHyperParameters(channels, buckets, bigramDim, dilations, kernelSize, attentionDim,
                dropout, learningRate, batchSize, maxEpochs, evaluationsPerEpoch, patience, maxLength, minCharCount, seed, averageDecay);
    }

    public ClassifierHyperParameters withDropout(float rate) {
        return new ClassifierHyperParameters(channels, bigramBuckets, bigramDim, dilations, kernelSize, attentionDim,
                rate, learningRate, batchSize, maxEpochs, evaluationsPerEpoch, patience, maxLength, minCharCount, seed, averageDecay);
    }

    public ClassifierHyperParameters withDilations(List<Integer> blocks) {
        return new ClassifierHyperParameters(channels, bigramBuckets, bigramDim, blocks, kernelSize, attentionDim,
                dropout, learningRate, batchSize, maxEpochs, evaluationsPerEpoch, patience, maxLength, minCharCount, seed, averageDecay);
    }

    public ClassifierHyperParameters withChannels(int width) {
        return new ClassifierHyperParameters(width, bigramBuckets, bigramDim, dilations, kernelSize, attentionDim,
                dropout, learningRate, batchSize, maxEpochs, evaluationsPerEpoch, patience, maxLength, minCharCount, seed, averageDecay);
    }

    public ClassifierHyperParameters withAverageDecay(float decay) {
        return new ClassifierHyperParameters(channels, bigramBuckets, bigramDim, dilations, kernelSize, attentionDim,
                dropout, learningRate, batchSize, maxEpochs, evaluationsPerEpoch, patience, maxLength, minCharCount, seed, decay);
    }
}
