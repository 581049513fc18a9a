package io.wenliu.app.command;

import io.wenliu.models.train.bert.BertFineTuning;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every {@code train teacher-...} fine-tuning command takes; shared as a picocli mixin. */
public final class FineTuningOptions {

    @Option(names = "--time-budget", defaultValue = "PT1H",
            description = "Stop (with a checkpoint) once this ISO-8601 duration is spent (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;

    @Option(names = "--batch-size", defaultValue = "16", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--learning-rate", defaultValue = "3e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    private float learningRate;

    @Option(names = "--seed", defaultValue = "1",
            description = "Fixes the validation split, the head's initial weights, the data order and dropout (default: ${DEFAULT-VALUE}).")
    private long seed;

    /** BERT's defaults with these options, {@code maxTokens} and {@code epochs} (null: the default) in their place. */
    BertFineTuning fineTuning(int maxTokens, Integer epochs) {
        return fineTuning(maxTokens, epochs, BertFineTuning.defaults(timeBudget).crfRateMultiplier());
    }

    /** As {@link #fineTuning(int, Integer)}, for a CRF tagger whose transitions take {@code crfRateMultiplier} times the rate. */
    BertFineTuning fineTuning(int maxTokens, Integer epochs, float crfRateMultiplier) {
        BertFineTuning defaults = BertFineTuning.defaults(timeBudget);
        return new BertFineTuning(batchSize, maxTokens, epochs != null ? epochs : defaults.epochs(), learningRate,
                defaults.warmupShare(), defaults.weightDecay(), defaults.clipNorm(), defaults.dropout(), crfRateMultiplier, seed,
                defaults.checkpointEvery(), timeBudget);
    }
}
