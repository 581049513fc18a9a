package io.wenliu.models.train;

import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Reading a float tensor fetched from a TF-Java session into a Java array. */
public final class FloatTensors {
    private FloatTensors() {
    }

    /** The tensor's values in row-major order. */
    public static float[] values(TFloat32 tensor) {
        float[] values = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return values;
    }
}
