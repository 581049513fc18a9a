package io.wenliu.models.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Supplies a network's named weight tensors: freshly initialised variables in the training graph,
 * variables restored from trained values in the serving graph.
 */
public interface ParameterSource {

    /** Declares a weight tensor of the given shape; called once per name, before {@link #get}. */
    void declare(String name, long... shape);

    /** The weight tensor declared under {@code name}. */
    Operand<TFloat32> get(String name);
}
