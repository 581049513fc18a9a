package io.wenliu.models.train;

import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a training run: the weights of the best epoch (by dev score) held in plain Java
 * arrays, what they mean, and how the run went. Immutable after construction.
 *
 * @param weights     parameter name → values (row-major) and shape
 * @param history     one entry per finished epoch
 * @param bestMetrics dev metrics of the epoch whose weights are kept
 */
public record TrainedTagger(
        Map<String, Tensor> weights,
        CharVocabulary vocabulary,
        LabelSet labels,
        TaggerHyperParameters hyperParameters,
        List<EpochReport> history,
        Map<String, Double> bestMetrics) {

    /** A weight tensor copied out of TensorFlow. */
    public record Tensor(long[] shape, float[] values) {
    }

    /** What one epoch did. */
    public record EpochReport(int epoch, double trainLoss, double sequencesPerSecond, float learningRate,
                              Map<String, Double> devMetrics) {
    }
}
