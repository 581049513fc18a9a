package io.wenliu.models.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Uninitialised variables of an export graph that are assigned trained values before the SavedModel
 * is written, so the artifact holds the weights and nothing of the optimizer. One instance per export
 * graph; not thread-safe.
 */
public final class RestoredParameters implements ParameterSource {
    private final Ops tf;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
    private final Map<String, Assign<TFloat32>> assigns = new LinkedHashMap<>();

    public RestoredParameters(Ops tf) {
        this.tf = tf;
    }

    @Override
    public void declare(String name, long... shape) {
        Variable<TFloat32> variable = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
        Placeholder<TFloat32> feed = tf.withName(name + "_value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
        variables.put(name, variable);
        shapes.put(name, shape.clone());
        feeds.put(name, feed);
        assigns.put(name, tf.withName(name + "_assign").assign(variable, feed));
    }

    @Override
    public Operand<TFloat32> get(String name) {
        return variables.get(name);
    }

    /** Assigns every declared variable the values {@code trained} gives for its name (row-major). */
    public void assign(Session session, Function<String, float[]> trained) {
        for (Map.Entry<String, Assign<TFloat32>> e : assigns.entrySet()) {
            float[] values = trained.apply(e.getKey());
            if (values == null) {
                throw new IllegalArgumentException("The trained model has no weights for " + e.getKey());
            }
            try (TFloat32 value = TFloat32.tensorOf(Shape.of(shapes.get(e.getKey())), DataBuffers.of(values, true, false))) {
                session.runner().feed(feeds.get(e.getKey()), value).addTarget(e.getValue()).run();
            }
        }
    }
}
