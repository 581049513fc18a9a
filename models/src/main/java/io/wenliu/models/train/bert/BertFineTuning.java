package io.wenliu.models.train.bert;

import java.time.Duration;

/**
 * The hyper-parameters of a BERT fine-tuning run.
 *
 * @param batchSize       sequences per step
 * @param maxTokens       longest training sequence, [CLS] and [SEP] included; longer texts are cut
 *                        at sentence ends into several
 * @param epochs          passes over the training data (the schedule decays to 0 at their end)
 * @param peakRate        the learning rate after warm-up
 * @param warmupShare     the share of all steps spent warming up
 * @param weightDecay     AdamW's decoupled decay of the matrices
 * @param clipNorm        largest global gradient norm
 * @param dropout         BERT's dropout rate while training
 * @param crfRateMultiplier the multiple of the learning rate a CRF tagger's transitions take (taggers only)
 * @param seed            fixes the head's initial weights, the data order and the dropout masks
 * @param checkpointEvery steps between checkpoints (also written when the time budget ends)
 * @param timeBudget      when to stop (with a checkpoint to resume from)
 */
public record BertFineTuning(int batchSize, int maxTokens, int epochs, float peakRate, float warmupShare,
                             float weightDecay, float clipNorm, float dropout, float crfRateMultiplier, long seed,
                             int checkpointEvery, Duration timeBudget) {
    public BertFineTuning {
        if (batchSize < 1 || maxTokens < 3 || epochs < 1 || checkpointEvery < 1 || !(crfRateMultiplier > 0)) {
            throw new IllegalArgumentException("batch size, max tokens (>= 3), epochs, the CRF rate multiplier and the checkpoint interval must be positive");
        }
    }

    /** The loop's part of these settings. */
    public FineTuningLoop.Schedule schedule() {
        return new FineTuningLoop.Schedule(epochs, peakRate, warmupShare, checkpointEvery, timeBudget);
    }

    /**
     * BERT's usual fine-tuning settings (Devlin et al.: 2e-5..5e-5, 10% warm-up, decay 0.01, clip 1); the
     * CRF's transitions at 1000x the rate, as in Su Jianlin's bert4keras BERT+CRF examples.
     */
    public static BertFineTuning defaults(Duration timeBudget) {
        return new BertFineTuning(16, 256, 3, 3e-5f, 0.1f, 0.01f, 1f, 0.1f, 1000f, 1L, 200, timeBudget);
    }
}
