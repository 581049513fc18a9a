package io.wenliu.models.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/**
 * Masked mean and max pooling of character states over the real characters of each text,
 * concatenated: [batch, length, channels] to [batch, 2 × channels]. Padding changes neither half.
 * Shared by the sentence encoder and the student's pooled heads. Stateless.
 */
public final class MaskedPooling {
    /** Added below the real activations at padding, so that the max never picks it. */
    private static final float PADDING_PENALTY = 1e4f;

    private MaskedPooling() {
    }

    /**
     * @param states [batch, length, channels], zero at padding
     * @param mask   [batch, length], 1 at real characters, 0 at padding
     */
    public static Operand<TFloat32> meanAndMax(Ops tf, Operand<TFloat32> states, Operand<TFloat32> mask) {
        Operand<TFloat32> mask3 = tf.expandDims(mask, tf.constant(-1));
        Operand<TFloat32> mean = mean(tf, states, mask);
        // masked max: padding positions sit far below any real activation
        Operand<TFloat32> max = tf.max(tf.math.add(states,
                tf.math.mul(tf.math.sub(mask3, tf.constant(1f)), tf.constant(PADDING_PENALTY))), tf.constant(1));
        return tf.concat(List.of(mean, max), tf.constant(-1));
    }

    /**
     * Masked mean over the real characters: [batch, length, channels] to [batch, channels].
     *
     * @param mask [batch, length], 1 at real characters, 0 at padding
     */
    public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> states, Operand<TFloat32> mask) {
        Operand<TFloat32> masked = tf.math.mul(states, tf.expandDims(mask, tf.constant(-1)));
        // the lengths are data, so their reciprocal needs no gradient
        Operand<TFloat32> inverseLength = tf.stopGradient(tf.math.div(tf.constant(1f),
                tf.math.maximum(tf.sum(mask, tf.constant(1), Sum.keepDims(true)), tf.constant(1f))));
        return tf.math.mul(tf.sum(masked, tf.constant(1)), inverseLength);
    }
}
