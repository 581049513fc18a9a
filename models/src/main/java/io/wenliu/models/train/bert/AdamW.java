package io.wenliu.models.train.bert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * AdamW (Loshchilov &amp; Hutter 2019), as BERT is fine-tuned: gradients clipped to a global norm,
 * then TF's fused {@code ApplyAdam}, with the weight decay applied to the weights directly (decoupled
 * from the moments) and only to matrices, not to biases or LayerNorm parameters. A parameter may take a
 * multiple of the learning rate (a CRF's transitions, which start at zero and would barely move at a
 * rate meant for pre-trained weights: Su Jianlin's BERT+CRF recipes use 100-1000x). All of its state
 * (moments, β powers, the step counter) lives in graph variables, so a checkpoint of the session
 * holds it. Not thread-safe; used while a graph is being built.
 */
public final class AdamW {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-6f; // BERT's

    private final Graph graph;
    private final Ops tf;
    private final List<String> names;
    private final List<Variable<TFloat32>> variables;
    private final List<Variable<TFloat32>> firstMoments = new ArrayList<>();
    private final List<Variable<TFloat32>> secondMoments = new ArrayList<>();
    private final Variable<TFloat32> beta1Power;
    private final Variable<TFloat32> beta2Power;
    private final Variable<TInt64> step;
    private final float weightDecay;
    private final float clipNorm;
    private final Map<String, Float> rateMultipliers;
    private Operand<TFloat32> globalNorm;

    /**
     * @param variables   what to train, by parameter name
     * @param weightDecay decay per step, times the learning rate, of every matrix
     * @param clipNorm    largest global gradient norm; larger gradients are scaled down to it
     */
    public AdamW(Graph graph, Ops tf, Map<String, Variable<TFloat32>> variables, float weightDecay, float clipNorm) {
        this(graph, tf, variables, weightDecay, clipNorm, Map.of());
    }

    /**
     * @param rateMultipliers by parameter name, the multiple of the learning rate that parameter takes
     *                        (its step and its decay); absent parameters take the rate itself
     */
    public AdamW(Graph graph, Ops tf, Map<String, Variable<TFloat32>> variables, float weightDecay, float clipNorm,
                 Map<String, Float> rateMultipliers) {
        if (!variables.keySet().containsAll(rateMultipliers.keySet())) {
            throw new IllegalArgumentException("learning-rate multipliers for unknown parameters: " + rateMultipliers.keySet());
        }
        this.graph = graph;
        this.tf = tf;
        this.names = List.copyOf(variables.keySet());
        this.variables = List.copyOf(variables.values());
        for (Variable<TFloat32> v : this.variables) {
            firstMoments.add(tf.variable(tf.zerosLike(v)));
            secondMoments.add(tf.variable(tf.zerosLike(v)));
        }
        this.beta1Power = tf.withName("adamw_beta1_power").variable(tf.constant(BETA1));
        this.beta2Power = tf.withName("adamw_beta2_power").variable(tf.constant(BETA2));
        this.step = tf.withName("adamw_step").variable(tf.constant(0L));
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.rateMultipliers = Map.copyOf(rateMultipliers);
    }

    /** The number of steps taken so far (a variable, saved with the checkpoint). */
    public Operand<TInt64> step() {
        return step;
    }

    /** The global gradient norm before clipping, of the last {@link #minimize} graph built. */
    public Operand<TFloat32> globalNorm() {
        return globalNorm;
    }

    /** An op that takes one AdamW step on {@code loss} at {@code learningRate}. */
    public Op minimize(Operand<TFloat32> loss, Operand<TFloat32> learningRate, String prefix) {
        Output<?>[] xs = variables.stream().map(Variable::asOutput).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients(prefix, new Output<?>[] {loss.asOutput()}, xs, null);
        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (Output<?> g : grads) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = (Operand<TFloat32>) g;
            squares.add(tf.reshape(tf.sum(tf.math.square(grad), tf.range(tf.constant(0), tf.rank(grad), tf.constant(1))),
                    tf.constant(new int[] {1})));
        }
        globalNorm = tf.math.sqrt(tf.sum(tf.concat(squares, tf.constant(0)), tf.constant(0)));
        Operand<TFloat32> scale = tf.math.div(tf.constant(clipNorm), tf.math.maximum(globalNorm, tf.constant(clipNorm)));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> v = variables.get(i);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = tf.math.mul((Operand<TFloat32>) grads[i], scale);
            Float multiplier = rateMultipliers.get(names.get(i));
            Operand<TFloat32> rate = multiplier == null ? learningRate : tf.math.mul(learningRate, tf.constant(multiplier));
            Ops afterDecay = tf;
            if (decays(names.get(i), v)) {
                // decoupled decay, taken from the weight before the Adam step, as PyTorch's AdamW does
                afterDecay = tf.withControlDependencies(List.of(tf.assignSub(v,
                        tf.math.mul(v, tf.math.mul(rate, tf.constant(weightDecay))))));
            }
            updates.add(afterDecay.train.applyAdam(v, firstMoments.get(i), secondMoments.get(i),
                    beta1Power, beta2Power, rate, tf.constant(BETA1), tf.constant(BETA2),
                    tf.constant(EPSILON), grad));
        }
        Ops afterUpdates = tf.withControlDependencies(updates);
        return tf.withControlDependencies(List.of(
                        afterUpdates.assign(beta1Power, tf.math.mul(beta1Power, tf.constant(BETA1))),
                        afterUpdates.assign(beta2Power, tf.math.mul(beta2Power, tf.constant(BETA2))),
                        afterUpdates.assignAdd(step, tf.constant(1L))))
                .noOp();
    }

    private static boolean decays(String name, Variable<TFloat32> v) {
        return v.shape().numDimensions() == 2 && !name.contains("LayerNorm");
    }
}
