package io.wenliu.models.train.encoder;

import io.wenliu.models.train.ParameterSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Fresh variables of the training graph, initialised in Java from a seeded generator: small uniform
 * embeddings, Glorot-uniform kernels, zero biases. Not thread-safe; used while a graph is built.
 */
final class EncoderParameters implements ParameterSource {
    private final Ops tf;
    private final Random random;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    EncoderParameters(Ops tf, long seed) {
        this.tf = tf;
        this.random = new Random(seed);
    }

    @Override
    public void declare(String name, long... shape) {
        float[] values = new float[Math.toIntExact(Shape.of(shape).size())];
        if (name.endsWith("embeddings")) {
            fillUniform(values, 0.1f);
        } else if (shape.length == 2) {
            fillUniform(values, (float) Math.sqrt(6.0 / (shape[0] + shape[1])));
        }
        variables.put(name, tf.withName(name).variable(
                tf.constant(NdArrays.wrap(Shape.of(shape), DataBuffers.of(values, true, false)))));
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
