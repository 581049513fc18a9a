package io.wenliu.models.train;

import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.graph.ParameterSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Fresh variables for the training graph of any of the networks, initialised in Java from a seeded
 * generator so that a run is reproducible: by default small uniform embeddings, Glorot-uniform
 * matrices and zero vectors; or, with a {@link WarmStart}, the trained feature layers of another
 * tagger where it has them. The generator is drawn in declaration order, so the seed and the order
 * of a network's {@code declare} calls fix every initial value. Not thread-safe.
 */
public final class TrainableParameters implements ParameterSource {
    /** How a parameter starts. */
    public enum Init {
        /** uniform in ±0.1 */
        SMALL_UNIFORM,
        /** uniform in ±√(6 / (rows + columns)), for matrices */
        GLOROT_UNIFORM,
        ZEROS
    }

    private final Ops tf;
    private final Random random;
    private final Map<String, Init> exceptions;
    private final WarmStart warmStart;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, Operand<TFloat32>> initialValues = new LinkedHashMap<>();

    /** Parameters that all start as the defaults say. */
    public TrainableParameters(Ops tf, long seed) {
        this(tf, seed, Map.of(), null);
    }

    /**
     * @param exceptions how the named parameters start where the defaults do not apply
     * @param warmStart  trained feature layers to start from, or null to start every parameter fresh
     */
    public TrainableParameters(Ops tf, long seed, Map<String, Init> exceptions, WarmStart warmStart) {
        this.tf = tf;
        this.random = new Random(seed);
        this.exceptions = Map.copyOf(exceptions);
        this.warmStart = warmStart;
    }

    @Override
    public void declare(String name, long... shape) {
        float[] values = new float[Math.toIntExact(Shape.of(shape).size())];
        switch (exceptions.getOrDefault(name, defaultInit(name, shape))) {
            case SMALL_UNIFORM -> fillUniform(values, 0.1f);
            case GLOROT_UNIFORM -> fillUniform(values, (float) Math.sqrt(6.0 / (shape[0] + shape[1])));
            case ZEROS -> { }
        }
        if (warmStart != null) {
            warmStart.initialise(name, shape, values);
        }
        Operand<TFloat32> initial = tf.constant(NdArrays.wrap(Shape.of(shape), DataBuffers.of(values, true, false)));
        variables.put(name, tf.withName(name).variable(initial));
        initialValues.put(name, initial);
        shapes.put(name, shape.clone());
    }

    private static Init defaultInit(String name, long[] shape) {
        if (name.equals(CharacterEncoder.EMBEDDINGS) || name.equals(CharacterEncoder.BIGRAM_EMBEDDINGS)) {
            return Init.SMALL_UNIFORM;
        }
        return shape.length == 2 ? Init.GLOROT_UNIFORM : Init.ZEROS;
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

    /** The variables by name, in declaration order. */
    public Map<String, Variable<TFloat32>> variables() {
        return variables;
    }

    /** The value a declared parameter starts at (a constant). */
    Operand<TFloat32> initialValue(String name) {
        return initialValues.get(name);
    }

    /** The shape a parameter was declared with. */
    long[] shape(String name) {
        return shapes.get(name).clone();
    }

    /** The number of scalars in all the parameters. */
    public long size() {
        return shapes.values().stream().mapToLong(shape -> Shape.of(shape).size()).sum();
    }

    /**
     * The variables' current values in {@code session}, by name in declaration order.
     *
     * @param tensor makes one entry from a parameter's shape and row-major values
     */
    public <T> Map<String, T> snapshot(Session session, BiFunction<long[], float[], T> tensor) {
        return snapshot(session, variables, shapes, tensor);
    }

    static <T> Map<String, T> snapshot(Session session, Map<String, Variable<TFloat32>> variables,
                                       Map<String, long[]> shapes, BiFunction<long[], float[], T> tensor) {
        Map<String, T> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
            try (Result result = session.runner().fetch(e.getValue()).run()) {
                weights.put(e.getKey(), tensor.apply(shapes.get(e.getKey()), FloatTensors.values((TFloat32) result.get(0))));
            }
        }
        return weights;
    }
}
