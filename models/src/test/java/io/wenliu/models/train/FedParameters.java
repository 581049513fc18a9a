package io.wenliu.models.train;

import io.wenliu.models.graph.ParameterSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Network parameters that are placeholders fed from Java arrays, so a gradient check can perturb any
 * single value. Test fixture shared by the networks' gradient checks; not thread-safe.
 */
public final class FedParameters implements ParameterSource {
    private final Ops tf;
    private final DoubleSupplier initial;
    final Map<String, Placeholder<TFloat32>> placeholders = new LinkedHashMap<>();
    final Map<String, float[]> values = new LinkedHashMap<>();
    final Map<String, long[]> shapes = new LinkedHashMap<>();

    /** @param initial draws each parameter's starting value */
    public FedParameters(Ops tf, DoubleSupplier initial) {
        this.tf = tf;
        this.initial = initial;
    }

    @Override
    public void declare(String name, long... shape) {
        float[] v = new float[Math.toIntExact(Shape.of(shape).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) initial.getAsDouble();
        }
        placeholders.put(name, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape))));
        values.put(name, v);
        shapes.put(name, shape);
    }

    @Override
    public Operand<TFloat32> get(String name) {
        return placeholders.get(name);
    }

    /** The values fed for each parameter, by name; changing one changes what the next run sees. */
    public Map<String, float[]> values() {
        return values;
    }

    /** Feeds the current values into {@code runner}; the caller closes the tensors added to {@code fed}. */
    public void feed(Session.Runner runner, List<TFloat32> fed) {
        values.forEach((name, v) -> {
            TFloat32 t = TFloat32.tensorOf(Shape.of(shapes.get(name)), DataBuffers.of(v, true, false));
            fed.add(t);
            runner.feed(placeholders.get(name), t);
        });
    }
}
