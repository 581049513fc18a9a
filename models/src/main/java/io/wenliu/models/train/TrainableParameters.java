package io.wenliu.models.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Fresh variables for the training graph, initialised in Java from a seeded generator so a run is
 * reproducible: Glorot-uniform kernels, small uniform embeddings, zero biases and transitions; or,
 * with a {@link WarmStart}, the trained feature layers of another tagger where it has them.
 */
final class TrainableParameters implements ParameterSource {
    private final Ops tf;
    private final Random random;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private final WarmStart warmStart;

    TrainableParameters(Ops tf, long seed) {
        this(tf, seed, null);
    }

    /** @param warmStart trained feature layers to start from, or null to start every parameter fresh */
    TrainableParameters(Ops tf, long seed, WarmStart warmStart) {
        this.tf = tf;
        this.random = new Random(seed);
        this.warmStart = warmStart;
    }

    @Override
    public void declare(String name, long... shape) {
        float[] values = new float[Math.toIntExact(Shape.of(shape).size())];
        if (name.equals(TaggerNetwork.EMBEDDINGS)) {
            fillUniform(values, 0.1f);
        } else if (shape.length == 2 && !name.equals(TaggerNetwork.TRANSITIONS)) {
            fillUniform(values, (float) Math.sqrt(6.0 / (shape[0] + shape[1])));
        } // biases and transitions start at zero
        if (warmStart != null) {
            warmStart.initialise(name, shape, values);
        }
        Variable<TFloat32> variable = tf.withName(name).variable(
                tf.constant(NdArrays.wrap(Shape.of(shape), DataBuffers.of(values, true, false))));
        variables.put(name, variable);
        shapes.put(name, shape.clone());
    }

    private void fillUniform(float[] values, float limit) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextFloat() * 2f - 1f) * limit;
        }
    }

    @Override
    public Operand<TFloat32> get(String name) {
        Variable<TFloat32> v = variables.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Undeclared parameter " + name);
        }
        return v;
    }

    Map<String, Variable<TFloat32>> variables() {
        return variables;
    }

    long[] shape(String name) {
        return shapes.get(name);
    }
}
