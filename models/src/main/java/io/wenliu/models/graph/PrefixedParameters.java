package io.wenliu.models.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A view of a {@link ParameterSource} that names every parameter {@code prefix + "." + name}, so that
 * several heads of one network can reuse the same layer classes without their weights colliding, and a
 * later warm start or distillation can address one head's weights by its prefix. The separator is a dot
 * because TensorFlow op names, which the variables take, may not hold a slash (the BERT weights are
 * named so too). Not thread-safe; used while a graph is built.
 */
public final class PrefixedParameters implements ParameterSource {
    private final String prefix;
    private final ParameterSource params;

    public PrefixedParameters(String prefix, ParameterSource params) {
        this.prefix = prefix;
        this.params = params;
    }

    /** The full name of a parameter {@code name} declared through a view with {@code prefix}. */
    public static String name(String prefix, String name) {
        return prefix + "." + name;
    }

    @Override
    public void declare(String name, long... shape) {
        params.declare(name(prefix, name), shape);
    }

    @Override
    public Operand<TFloat32> get(String name) {
        return params.get(name(prefix, name));
    }
}
