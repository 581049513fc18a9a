package io.wenliu.models.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Inverted dropout with reproducible masks, for the training graphs of the DGCNN networks (after Su
 * Jianlin, kexue.fm/archives/5409). Each application draws its noise with the run's seed and the next
 * op-level seed of the sequence {@code seed + 1, seed + 2, ...}, in the order the graph is built, so
 * the run's seed fixes every mask. Kept values are scaled by {@code 1 / (1 − rate)}, so the serving
 * graph (no dropout) computes the expected activations. Not thread-safe; used while a graph is built.
 */
public final class SeededDropout {
    private final Ops tf;
    private final float rate;
    private final long seed;
    private long opSeed;

    /** @param rate the fraction of values dropped while training; 0 turns dropout off */
    public SeededDropout(Ops tf, float rate, long seed) {
        this.tf = tf;
        this.rate = rate;
        this.seed = seed;
        this.opSeed = seed;
    }

    /** {@code x} with a fresh dropout mask when {@code training}, else {@code x} itself. */
    public Operand<TFloat32> apply(Operand<TFloat32> x, boolean training) {
        if (!training || rate <= 0f) {
            return x;
        }
        long seed2 = ++opSeed;
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(x), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed2));
        // the mask is data, not a function of the weights: no gradient flows into it
        Operand<TFloat32> keep = tf.stopGradient(tf.math.div(
                tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class),
                tf.constant(1f - rate)));
        return tf.math.mul(x, keep);
    }
}
