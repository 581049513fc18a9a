package io.wenliu.models.train.bert;

/**
 * The learning-rate schedule BERT is fine-tuned with: linear warm-up from 0 to {@code peak} over
 * {@code warmupSteps}, then linear decay to 0 at {@code totalSteps}. Immutable.
 */
public record WarmupLinearDecay(float peak, long warmupSteps, long totalSteps) {
    public WarmupLinearDecay {
        if (peak <= 0 || warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("Need peak > 0 and 0 <= warm-up steps < total steps, got "
                    + peak + ", " + warmupSteps + ", " + totalSteps);
        }
    }

    /** The rate for the step numbered {@code step} (from 0). */
    public float rate(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / (warmupSteps + 1);
        }
        return peak * Math.max(0f, (float) (totalSteps - step) / (totalSteps - warmupSteps));
    }
}
