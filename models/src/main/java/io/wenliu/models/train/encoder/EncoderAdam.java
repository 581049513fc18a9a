package io.wenliu.models.train.encoder;

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
 * Adam (Kingma &amp; Ba) on TF's fused {@code ApplyAdam} kernel with gradients from the C API's
 * {@code Graph.addGradients}. Not thread-safe; used while a graph is built.
 */
final class EncoderAdam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private EncoderAdam() {
    }

    /** An op that takes one Adam step on {@code loss} over {@code variables}. */
    static Op minimize(Graph graph, Ops tf, Collection<Variable<TFloat32>> variables, Operand<TFloat32> loss,
                       Operand<TFloat32> learningRate) {
        List<Variable<TFloat32>> vars = List.copyOf(variables);
        Output<?>[] xs = vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients("gradients", new Output<?>[] {loss.asOutput()}, xs, null);
        Variable<TFloat32> beta1Power = tf.variable(tf.constant(BETA1));
        Variable<TFloat32> beta2Power = tf.variable(tf.constant(BETA2));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
            Variable<TFloat32> v = vars.get(i);
            updates.add(tf.train.applyAdam(v, tf.variable(tf.zerosLike(v)), tf.variable(tf.zerosLike(v)),
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
