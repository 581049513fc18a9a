package io.wenliu.models.bert;

import io.wenliu.models.graph.ParameterSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An encoder's parameters starting at pre-trained values: variables (trainable) initialised from
 * {@link BertWeights}, except the {@code frozen} ones, which are constants and so take no optimizer
 * state and no gradient. Parameters the weights lack (a task head) are asked of {@code others}.
 * Not thread-safe; used while a graph is being built.
 */
public final class PretrainedParameters implements ParameterSource {
    private final Ops tf;
    private final BertWeights weights;
    private final Set<String> frozen;
    private final ParameterSource others;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, Operand<TFloat32>> constants = new LinkedHashMap<>();

    /** @param others where head parameters come from (e.g. fresh variables), or null when there are none */
    public PretrainedParameters(Ops tf, BertWeights weights, Set<String> frozen, ParameterSource others) {
        this.tf = tf;
        this.weights = weights;
        this.frozen = Set.copyOf(frozen);
        this.others = others;
    }

    @Override
    public void declare(String name, long... shape) {
        if (!weights.has(name)) {
            if (others == null) {
                throw new IllegalArgumentException("The pre-trained encoder has no weight " + name);
            }
            others.declare(name, shape);
            return;
        }
        OnnxGraph.Tensor tensor = weights.get(name);
        if (!Arrays.equals(tensor.dims(), shape)) {
            throw new IllegalArgumentException("Pre-trained " + name + " has shape " + Arrays.toString(tensor.dims())
                    + ", the network declares " + Arrays.toString(shape));
        }
        Operand<TFloat32> value = tf.withName(name + ".pretrained")
                .constant(NdArrays.wrap(Shape.of(shape), DataBuffers.of(tensor.values(), true, false)));
        if (frozen.contains(name)) {
            constants.put(name, value);
        } else {
            variables.put(name, tf.withName(name).variable(value));
        }
    }

    @Override
    public Operand<TFloat32> get(String name) {
        Operand<TFloat32> p = variables.containsKey(name) ? variables.get(name) : constants.get(name);
        if (p == null) {
            if (others == null) {
                throw new IllegalArgumentException("Undeclared parameter " + name);
            }
            return others.get(name);
        }
        return p;
    }

    /** The trainable pre-trained variables by name, in declaration order. */
    public Map<String, Variable<TFloat32>> variables() {
        return variables;
    }
}
