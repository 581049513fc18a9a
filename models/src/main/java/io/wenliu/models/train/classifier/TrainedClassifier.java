package io.wenliu.models.train.classifier;

import io.wenliu.models.vocab.CharVocabulary;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a classifier training run: the weights of the best checkpoint (by dev accuracy)
 * in plain Java arrays, what they mean, and how the run went. Immutable after construction.
 *
 * @param weights         parameter name → values (row-major) and shape
 * @param history         one entry per dev evaluation
 * @param bestDevAccuracy dev accuracy of the kept checkpoint
 * @param bestEpoch       when the kept checkpoint was taken, in (fractional) epochs
 */
public record TrainedClassifier(
        Map<String, Tensor> weights,
        CharVocabulary vocabulary,
        ClassifierHyperParameters hyperParameters,
        List<Evaluation> history,
        double bestDevAccuracy,
        double bestEpoch) {

    /** A weight tensor copied out of TensorFlow. */
    public record Tensor(long[] shape, float[] values) {
    }

    /** One dev evaluation during training. */
    public record Evaluation(double epoch, double trainLoss, double chunksPerSecond, float learningRate,
                             double devAccuracy) {
    }
}
