package io.wenliu.models.train;

import java.util.List;

/**
 * Hyper-parameters of a DGCNN-CRF character tagger and of its training run.
 *
 * @param channels      width of the embeddings and of every convolution block
 * @param dilations     one residual gated convolution block per entry, with that dilation rate
 * @param kernelSize    taps of each convolution (odd)
 * @param dropout       drop rate on the embeddings and on each block's output while training
 * @param learningRate  Adam's step size
 * @param batchSize     sequences per training step
 * @param maxEpochs     passes over the training data at most
 * @param patience      epochs without a better dev score before training stops early
 * @param buckets       padded lengths of training batches; longer sequences are split at punctuation
 * @param minCharCount  characters seen fewer times in training map to the unknown id
 * @param bigramBuckets hashed character-bigram embedding rows (0: no bigram features); the bigram
 *                      of each character and the next is hashed inside the graph, so serving still
 *                      takes only character ids
 * @param bigramDim     width of the bigram embeddings, concatenated to character embeddings of
 *                      width {@code channels - bigramDim}
 * @param seed          seeds initialisation, shuffling and dropout
 * @param wordPositions whether the network is also given each character's position in its word
 *                      ({@link io.wenliu.models.vocab.WordPositions}, packed into the token ids): for
 *                      taggers whose words are known, as the part-of-speech tagger's are
 * @param averageDecay  0: dev scoring and the artifact use the trained weights themselves; else their
 *                      exponential moving average with this decay ({@link ParameterAverages})
 */
public record TaggerHyperParameters(
        int channels,
        List<Integer> dilations,
        int kernelSize,
        float dropout,
        float learningRate,
        int batchSize,
        int maxEpochs,
        int patience,
        List<Integer> buckets,
        int minCharCount,
        int bigramBuckets,
        int bigramDim,
        long seed,
        boolean wordPositions,
        float averageDecay) {

    public TaggerHyperParameters {
        dilations = List.copyOf(dilations);
        buckets = List.copyOf(buckets).stream().sorted().toList();
        if (kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernelSize must be odd, got " + kernelSize);
        }
        if (bigramBuckets > 0 && (bigramDim <= 0 || bigramDim >= channels)) {
            throw new IllegalArgumentException("bigramDim must be in 1.." + (channels - 1) + ", got " + bigramDim);
        }
        if (averageDecay < 0 || averageDecay >= 1) {
            throw new IllegalArgumentException("averageDecay must be 0 (off) or in (0, 1), got " + averageDecay);
        }
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("at least one bucket length is needed");
        }
    }

    /** Hyper-parameters of a network that takes character ids only. */
    public TaggerHyperParameters(int channels, List<Integer> dilations, int kernelSize, float dropout, float learningRate,
                                 int batchSize, int maxEpochs, int patience, List<Integer> buckets, int minCharCount,
                                 int bigramBuckets, int bigramDim, long seed) {
        this(channels, dilations, kernelSize, dropout, learningRate, batchSize, maxEpochs, patience, buckets,
                minCharCount, bigramBuckets, bigramDim, seed, false, 0f);
    }

    /** Defaults used for the committed segmenter. */
    public static TaggerHyperParameters segmenterDefaults() {
        return new TaggerHyperParameters(128, List.of(1, 2, 4, 1, 2, 4), 3, 0.1f, 2e-3f, 64, 12, 2,
                List.of(32, 64, 128), 2, 65536, 32, 20261121L);
    }

    /** Defaults used for the committed MSRA named-entity tagger: wider context than segmentation needs. */
    public static TaggerHyperParameters nerDefaults() {
        return new TaggerHyperParameters(128, List.of(1, 2, 4, 8, 1, 2, 4, 8), 3, 0.1f, 2e-3f, 64, 12, 2,
                List.of(32, 64, 128), 2, 65536, 32, 20261121L);
    }

    /**
     * Defaults used for the committed part-of-speech tagger: a small treebank, so more epochs and patience;
     * it is given the words, so it takes word positions.
     */
    public static TaggerHyperParameters posDefaults() {
        return new TaggerHyperParameters(128, List.of(1, 2, 4, 1, 2, 4), 3, 0.2f, 2e-3f, 32, 30, 3,
                List.of(32, 64, 128), 1, 65536, 32, 20261121L, true, 0f);
    }

    public int maxLength() {
        return buckets.get(buckets.size() - 1);
    }

    public TaggerHyperParameters withMaxEpochs(int epochs) {
        return new TaggerHyperParameters(channels, dilations, kernelSize, dropout, learningRate, batchSize,
                epochs, patience, buckets, minCharCount, bigramBuckets, bigramDim, seed, wordPositions, averageDecay);
    }

    public TaggerHyperParameters withDropout(float rate) {
        return new TaggerHyperParameters(channels, dilations, kernelSize, rate, learningRate, batchSize,
                maxEpochs, patience, buckets, minCharCount, bigramBuckets, bigramDim, seed, wordPositions, averageDecay);
    }

    public TaggerHyperParameters withDilations(List<Integer> blocks) {
        return new TaggerHyperParameters(channels, blocks, kernelSize, dropout, learningRate, batchSize,
                maxEpochs, patience, buckets, minCharCount, bigramBuckets, bigramDim, seed, wordPositions, averageDecay);
    }

    public TaggerHyperParameters withChannels(int width) {
        return new TaggerHyperParameters(width, dilations, kernelSize, dropout, learningRate, batchSize,
                maxEpochs, patience, buckets, minCharCount, bigramBuckets, bigramDim, seed, wordPositions, averageDecay);
    }

    public TaggerHyperParameters withWordPositions(boolean given) {
        return new TaggerHyperParameters(channels, dilations, kernelSize, dropout, learningRate, batchSize,
                maxEpochs, patience, buckets, minCharCount, bigramBuckets, bigramDim, seed, given, averageDecay);
    }

    public TaggerHyperParameters withAverageDecay(float decay) {
        return new TaggerHyperParameters(channels, dilations, kernelSize, dropout, learningRate, batchSize,
                maxEpochs, patience, buckets, minCharCount, bigramBuckets, bigramDim, seed, wordPositions, decay);
    }
}
