package io.wenliu.models.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * The linear-chain CRF's training loss as TF-Java graph ops, shared by every CRF tagger (the
 * from-scratch {@code TaggerNetwork} and the BERT tagger): the forward algorithm unrolled over a fixed
 * padded length, so a graph is built per length bucket. Decoding is {@code CrfDecoder}'s, in Java.
 * Not thread-safe; used while a graph is being built.
 */
public final class CrfLoss {
    private final Ops tf;
    private final Operand<TFloat32> transitions;

    /** @param transitions [tags, tags], the score of going from tag i to tag j */
    public CrfLoss(Ops tf, Operand<TFloat32> transitions) {
        this.tf = tf;
        this.transitions = transitions;
    }

    /**
     * Negative log-likelihood of the gold tag paths, averaged over the batch, for batches padded to
     * exactly {@code length}.
     *
     * @param emissions        [batch, length, tags]
     * @param mask             [batch, length], 1 at real positions, 0 at padding (real ones first)
     * @param goldOneHot       [batch, length, tags], the gold tag of each real position, zero at padding
     * @param goldTransitions  [tags, tags], how often each gold transition occurs in the batch
     * @param batchSize        scalar, the number of sequences in the batch
     */
    public Operand<TFloat32> loss(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length,
                                  Operand<TFloat32> goldOneHot, Operand<TFloat32> goldTransitions,
                                  Operand<TFloat32> batchSize) {
        Operand<TFloat32> logZ = logPartition(emissions, mask, length);
        Operand<TFloat32> goldEmissions = tf.sum(tf.math.mul(goldOneHot, emissions), tf.constant(new int[] {0, 1, 2}));
        Operand<TFloat32> goldTransitionScore = tf.sum(tf.math.mul(goldTransitions, transitions), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> total = tf.math.sub(tf.sum(logZ, tf.constant(0)), tf.math.add(goldEmissions, goldTransitionScore));
        return tf.math.div(total, batchSize);
    }

    /** log Σ over all tag paths of exp(score), per sequence: the forward algorithm, unrolled. */
    public Operand<TFloat32> logPartition(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length) {
        Unstack<TFloat32> steps = tf.unstack(emissions, (long) length, Unstack.axis(1L));
        Unstack<TFloat32> stepMasks = tf.unstack(mask, (long) length, Unstack.axis(1L));
        Operand<TFloat32> transitions3 = tf.expandDims(transitions, tf.constant(0));              // [1, K, K]
        Operand<TFloat32> alpha = steps.output().get(0);                                          // [B, K]
        for (int t = 1; t < length; t++) {
            Operand<TFloat32> scores = tf.math.add(
                    tf.math.add(tf.expandDims(alpha, tf.constant(2)), transitions3),                 // [B, K, K]
                    tf.expandDims(steps.output().get(t), tf.constant(1)));
            Operand<TFloat32> next = logSumExp(scores, 1);                                          // [B, K]
            Operand<TFloat32> m = tf.expandDims(stepMasks.output().get(t), tf.constant(1));        // [B, 1]
            alpha = tf.math.add(alpha, tf.math.mul(m, tf.math.sub(next, alpha)));                 // padding keeps alpha
        }
        return logSumExp(alpha, 1);
    }

    private Operand<TFloat32> logSumExp(Operand<TFloat32> x, int axis) {
        // subtracting the (constant) maximum keeps exp() finite; summing over the size-1 axis drops it
        Operand<TFloat32> max = tf.stopGradient(tf.max(x, tf.constant(axis), Max.keepDims(true)));
        Operand<TFloat32> sum = tf.sum(tf.math.exp(tf.math.sub(x, max)), tf.constant(axis));
        return tf.math.add(tf.math.log(sum), tf.sum(max, tf.constant(axis)));
    }
}
