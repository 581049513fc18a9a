package io.wenliu.models.train.classifier;

import io.wenliu.models.train.ParameterSource;
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
 * Fresh variables for the training graph, initialised in Java from a seeded generator so that a run
 * is reproducible: small uniform embeddings, Glorot-uniform kernels, zero biases. (A copy of the
 * package-private {@code io.wenliu.models.train.TrainableParameters}, whose embedding rule is tied
 * to the tagger's parameter names.)
 */
final class SeededParameters implements ParameterSource {
    private final Ops tf;
    private final Random random;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    SeededParameters(Ops tf, long seed) {
        this.tf = tf;
        this.random = new Random(seed);
    }

    @Override
    public void declare(String name, long... shape) {
        float[] values = new float[Math.toIntExact(Shape.of(shape).size())];
        if (ClassifierNetwork.isEmbedding(name)) {
            fillUniform(values, 0.1f);
        } else if (shape.length == 2) {
            fillUniform(values, (float) Math.sqrt(6.0 / (shape[0] + shape[1])));
        } // biases start at zero
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
