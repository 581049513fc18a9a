package io.wenliu.models.train;

import io.wenliu.models.graph.ParameterSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Exponential moving averages of the trainable parameters (Polyak averaging, as TF's
 * {@code ExponentialMovingAverage} with {@code num_updates}): after optimizer step {@code t},
 * {@code average ← average − (1 − d)(average − weight)} with {@code d = min(decay, (1 + t) / (10 + t))}.
 * The averages wander less from step to step than the weights, so dev scores, the kept weights and
 * the export use them. A {@link ParameterSource}: a network built over it is the averaged model.
 * Not thread-safe.
 */
public final class ParameterAverages implements ParameterSource {
    private final float decay;
    private final Map<String, Variable<TFloat32>> averages = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Placeholder<TFloat32> rate;
    private final Op update;
    private long steps;

    /**
     * Declares an average of each of {@code params}' variables, starting at the variable's initial value.
     *
     * @param decay the largest decay, e.g. 0.999 (an average over about the last 1,000 steps)
     */
    public ParameterAverages(Ops tf, TrainableParameters params, float decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        rate = tf.withName("average_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        List<Op> updates = new ArrayList<>();
        params.variables().forEach((name, variable) -> {
            Variable<TFloat32> average = tf.withName(name + "_average").variable(params.initialValue(name));
            averages.put(name, average);
            shapes.put(name, params.shape(name));
            updates.add(tf.assignSub(average, tf.math.mul(rate, tf.math.sub(average, variable))));
        });
        update = tf.withControlDependencies(updates).noOp();
    }

    /** Moves the averages towards the current weights; call after every optimizer step. */
    public void update(Session session) {
        steps++;
        float d = Math.min(decay, (1f + steps) / (10f + steps));
        try (TFloat32 r = TFloat32.scalarOf(1f - d)) {
            session.runner().feed(rate, r).addTarget(update).run();
        }
    }

    @Override
    public void declare(String name, long... shape) {
        long[] averaged = shapes.get(name);
        if (averaged == null || !Arrays.equals(averaged, shape)) {
            throw new IllegalArgumentException("No average of a parameter " + name + " " + Arrays.toString(shape));
        }
    }

    @Override
    public Operand<TFloat32> get(String name) {
        Variable<TFloat32> average = averages.get(name);
        if (average == null) {
            throw new IllegalArgumentException("No average of a parameter " + name);
        }
        return average;
    }

    /** The averages' current values, by parameter name in declaration order. */
    public <T> Map<String, T> snapshot(Session session, BiFunction<long[], float[], T> tensor) {
        return TrainableParameters.snapshot(session, averages, shapes, tensor);
    }
}
