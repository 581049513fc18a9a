package io.wenliu.models.train.encoder;

import io.wenliu.models.vocab.CharVocabulary;
import java.util.List;
import java.util.Map;

/**
 * A trained sentence encoder: its weights, vocabulary and hyper-parameters, with the training
 * history. Immutable (the arrays are not copied: do not modify them).
 *
 * @param metrics the selection metrics of the kept weights
 */
public record TrainedEncoder(Map<String, Tensor> weights, CharVocabulary vocabulary, EncoderHyperParameters hyperParameters,
                             List<Checkpoint> history, Map<String, Double> metrics) {
    public TrainedEncoder {
        weights = Map.copyOf(weights);
        history = List.copyOf(history);
        metrics = Map.copyOf(metrics);
    }

    /** One weight tensor, row-major. */
    public record Tensor(long[] shape, float[] values) {
    }

    /** An evaluation during training. */
    public record Checkpoint(int step, double pairsSeen, double loss, double pairsPerSecond,
                             Map<String, Double> metrics) {
    }
}
