package io.wenliu.models.student;

import java.util.List;

/**
 * The shape of the one-pass student network and of its multi-task training run.
 *
 * @param charDim        width of the character embeddings
 * @param bigramBuckets  hashed character-bigram embedding rows (0: no bigram features)
 * @param bigramDim      width of the bigram embeddings (concatenated to the characters')
 * @param dilations      one residual gated convolution block per entry, with that dilation rate
 * @param kernelSize     taps of each convolution (odd)
 * @param dropout        drop rate on the embeddings, every block's output and the pooled features while training
 * @param dimension      width of the similarity embedding
 * @param scale          logit scale of the similarity losses (AM-Softmax, CoSENT)
 * @param margin         AM-Softmax's margin
 * @param peakRate       Adam's learning rate after warm-up (then linear decay to 0 at the last epoch's end)
 * @param warmupShare    share of all steps spent warming up
 * @param batchSize      sequences, texts or pairs per step
 * @param epochs         epochs; an epoch takes as many steps as one pass over every task's training data
 * @param buckets        padded lengths of tagging batches (the CRF is unrolled per length); longer training
 *                       sentences are cut at punctuation to the longest
 * @param maxTextLength  longer sentiment texts are cut at sentence ends into pieces of at most this many characters
 *                       (each with its text's label; serving scores a long text by its pieces too), and similarity
 *                       sentences after it, while training
 * @param minCharCount   characters seen fewer times in all tasks' training texts map to the unknown id
 * @param seed           fixes the validation split, initial weights, data order and dropout masks
 * @param checkpointEvery steps between checkpoints
 * @param similarityHidden width of the similarity head's hidden ReLU layer between the pooled features and the
 *                       embedding (0: a single dense layer, as the first two students had)
 * @param bagBuckets     hashed bigram rows of the similarity head's own bag of characters and bigrams, whose mean over
 *                       the text joins the pooled features (0: no bag)
 * @param bagDim         width of that bag's embeddings
 */
public record StudentHyperParameters(int charDim, int bigramBuckets, int bigramDim, List<Integer> dilations,
                                     int kernelSize, float dropout, int dimension, float scale, float margin,
                                     float peakRate, float warmupShare, int batchSize, int epochs, List<Integer> buckets,
                                     int maxTextLength, int minCharCount, long seed, int checkpointEvery,
                                     int similarityHidden, int bagBuckets, int bagDim) {
    public StudentHyperParameters {
        dilations = List.copyOf(dilations);
        buckets = List.copyOf(buckets).stream().sorted().toList();
        if (kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernelSize must be odd, got " + kernelSize);
        }
        if (buckets.isEmpty() || dilations.isEmpty()) {
            throw new IllegalArgumentException("at least one bucket length and one block are needed");
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be at least 2 (the similarity loss compares in-batch pairs), got "
                    + batchSize);
        }
        if (similarityHidden < 0 || bagBuckets < 0 || (bagBuckets > 0) != (bagDim > 0)) {
            throw new IllegalArgumentException("similarityHidden and bagBuckets must be >= 0, and bagDim > 0 exactly when "
                    + "bagBuckets > 0; got " + similarityHidden + ", " + bagBuckets + ", " + bagDim);
        }
    }

    /** A student whose similarity head is one dense layer from the pooled features (no hidden layer, no bag). */
    public StudentHyperParameters(int charDim, int bigramBuckets, int bigramDim, List<Integer> dilations, int kernelSize,
                                  float dropout, int dimension, float scale, float margin, float peakRate, float warmupShare,
                                  int batchSize, int epochs, List<Integer> buckets, int maxTextLength, int minCharCount,
                                  long seed, int checkpointEvery) {
        this(charDim, bigramBuckets, bigramDim, dilations, kernelSize, dropout, dimension, scale, margin, peakRate, warmupShare,
                batchSize, epochs, buckets, maxTextLength, minCharCount, seed, checkpointEvery, 0, 0, 0);
    }

    /**
     * The default CPU student: 96 channels (64 character + 32 hashed bigram), six blocks (dilations 1, 2, 4, 8, 1, 2:
     * 37 characters seen; 0.67 MFLOP a character against 1.6 for the taggers' eight 128-channel blocks), a
     * 256-dimensional embedding (distillation widens it to the similarity teacher's) with the similarity model's loss
     * settings, and a similarity head with a 1,024-wide hidden layer over the pooled states and a 128-wide bag of
     * characters and 32,768 hashed bigrams (per text, it costs next to nothing beside the body).
     */
    public static StudentHyperParameters defaults() {
        return new StudentHyperParameters(64, 65_536, 32, List.of(1, 2, 4, 8, 1, 2), 3, 0.1f, 256, 20f, 0.2f,
                2e-3f, 0.02f, 64, 8, List.of(32, 64, 128), 128, 2, 20_261_204L, 500, 1024, 32_768, 128);
    }

    /** Width of the embeddings and of every block. */
    public int channels() {
        return charDim + (bigramBuckets > 0 ? bigramDim : 0);
    }

    public int maxLength() {
        return buckets.get(buckets.size() - 1);
    }

    public StudentHyperParameters withEpochs(int count) {
        return new StudentHyperParameters(charDim, bigramBuckets, bigramDim, dilations, kernelSize, dropout, dimension, scale,
                margin, peakRate, warmupShare, batchSize, count, buckets, maxTextLength, minCharCount, seed, checkpointEvery,
                similarityHidden, bagBuckets, bagDim);
    }

    public StudentHyperParameters withShape(int characterWidth, List<Integer> blocks) {
        return new StudentHyperParameters(characterWidth, bigramBuckets, bigramDim, blocks, kernelSize, dropout, dimension, scale,
                margin, peakRate, warmupShare, batchSize, epochs, buckets, maxTextLength, minCharCount, seed, checkpointEvery,
                similarityHidden, bagBuckets, bagDim);
    }

    /** The same with a similarity embedding {@code width} wide (a distilled student takes its teacher's width). */
    public StudentHyperParameters withDimension(int width) {
        return new StudentHyperParameters(charDim, bigramBuckets, bigramDim, dilations, kernelSize, dropout, width, scale,
                margin, peakRate, warmupShare, batchSize, epochs, buckets, maxTextLength, minCharCount, seed, checkpointEvery,
                similarityHidden, bagBuckets, bagDim);
    }

    public StudentHyperParameters withBatchSize(int size) {
        return new StudentHyperParameters(charDim, bigramBuckets, bigramDim, dilations, kernelSize, dropout, dimension, scale,
                margin, peakRate, warmupShare, size, epochs, buckets, maxTextLength, minCharCount, seed, checkpointEvery,
                similarityHidden, bagBuckets, bagDim);
    }

    /** The same with another similarity head: {@code hidden} wide (0: none), a bag of {@code bagRows} × {@code bagWidth}. */
    public StudentHyperParameters withSimilarityHead(int hidden, int bagRows, int bagWidth) {
        return new StudentHyperParameters(charDim, bigramBuckets, bigramDim, dilations, kernelSize, dropout, dimension, scale,
                margin, peakRate, warmupShare, batchSize, epochs, buckets, maxTextLength, minCharCount, seed, checkpointEvery,
                hidden, bagRows, bagWidth);
    }
}
