package io.wenliu.models.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma &amp; Ba) on TF's fused {@code ApplyAdam} kernel, with gradients from the C API's
 * {@code Graph.addGradients}. One optimizer state (moments and β powers) serves several loss
 * sub-graphs (one per bucket length) over the same variables. Shared by every trainer.
 */
public final class AdamOptimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Graph graph;
    private final Ops tf;
    private final List<Variable<TFloat32>> variables;
    private final List<Variable<TFloat32>> firstMoments = new ArrayList<>();
    private final List<Variable<TFloat32>> secondMoments = new ArrayList<>();
    private final Variable<TFloat32> beta1Power;
    private final Variable<TFloat32> beta2Power;

    public AdamOptimizer(Graph graph, Ops tf, Collection<Variable<TFloat32>> variables) {
        this.graph = graph;
        this.tf = tf;
        this.variables = List.copyOf(variables);
        for (Variable<TFloat32> v : this.variables) {
            firstMoments.add(tf.variable(tf.zerosLike(v)));
            secondMoments.add(tf.variable(tf.zerosLike(v)));
        }
        beta1Power = tf.variable(tf.constant(BETA1));
        beta2Power = tf.variable(tf.constant(BETA2));
    }

    /** An op that takes one Adam step on {@code loss}; {@code prefix} keeps gradient op names apart. */
    public Op minimize(Operand<TFloat32> loss, Operand<TFloat32> learningRate, String prefix) {
        return minimize(loss, learningRate, prefix, variables);
    }

    /**
     * An op that takes one Adam step on {@code loss} for {@code subset} of the variables only: a multi-task
     * network's step on one task's batch leaves the other heads (and their moments) as they are, rather than
     * moving them on stale momentum. The β powers are shared, so a head trained on a share of the steps gets
     * a slightly smaller bias correction early on.
     */
    public Op minimize(Operand<TFloat32> loss, Operand<TFloat32> learningRate, String prefix,
                       Collection<Variable<TFloat32>> subset) {
        List<Integer> indices = new ArrayList<>();
        for (Variable<TFloat32> v : subset) {
            int i = variables.indexOf(v);
            if (i < 0) {
                throw new IllegalArgumentException("Variable " + v.op().name() + " is not one this optimizer trains");
            }
            indices.add(i);
        }
        Output<?>[] xs = indices.stream().map(i -> variables.get(i).asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients(prefix, new Output<?>[] {loss.asOutput()}, xs, null);
        List<Op> gradients = new ArrayList<>();
        for (Output<?> grad : grads) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) grad;
            gradients.add(tf.identity(g));
        }
        // every gradient is computed before any variable changes: the backward pass reads the (reference)
        // variables, so an early update would race with it and make steps depend on thread timing
        Ops afterGradients = tf.withControlDependencies(gradients);
        List<Op> updates = new ArrayList<>();
        for (int k = 0; k < indices.size(); k++) {
            int i = indices.get(k);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = (Operand<TFloat32>) gradients.get(k);
            updates.add(afterGradients.train.applyAdam(variables.get(i), firstMoments.get(i), secondMoments.get(i),
                    beta1Power, beta2Power, learningRate, tf.constant(BETA1), tf.constant(BETA2),
                    tf.constant(EPSILON), grad));
        }
        Ops afterUpdates = tf.withControlDependencies(updates);
        return tf.withControlDependencies(List.of(
                        afterUpdates.assign(beta1Power, tf.math.mul(beta1Power, tf.constant(BETA1))),
                        afterUpdates.assign(beta2Power, tf.math.mul(beta2Power, tf.constant(BETA2)))))
                .noOp();
    }
}
