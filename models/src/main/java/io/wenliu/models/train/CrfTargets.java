package io.wenliu.models.train;

import io.wenliu.models.graph.CrfLoss;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * What a batch's CRF loss ({@link CrfLoss#loss}) is trained towards: per position, a distribution over the
 * tags [batch, length, tags] (zero at padding), and the summed tag-to-tag transition counts [tags, tags].
 * Gold tags give one-hot rows and whole counts ({@link #gold}); since the loss is linear in both, a
 * teacher's marginals and expected transition counts can stand in their place for distillation.
 * Immutable (the arrays are not copied; do not change them).
 *
 * @param positions   row-major [batch, length, tags]
 * @param transitions row-major [tags, tags]
 */
public record CrfTargets(int batch, int length, int tags, float[] positions, float[] transitions) {

    /** The one-hot targets of gold tag sequences, each at most {@code length} long, padded to it. */
    public static CrfTargets gold(List<int[]> sequences, int length, int tags) {
        int b = sequences.size();
        float[] positions = new float[b * length * tags];
        float[] transitions = new float[tags * tags];
        for (int i = 0; i < b; i++) {
            int[] gold = sequences.get(i);
            for (int t = 0; t < gold.length; t++) {
                positions[(i * length + t) * tags + gold[t]] = 1f;
                if (t > 0) {
                    transitions[gold[t - 1] * tags + gold[t]] += 1f;
                }
            }
        }
        return new CrfTargets(b, length, tags, positions, transitions);
    }

    /** The per-position targets as a tensor; the caller closes it. */
    public TFloat32 positionsTensor() {
        return TFloat32.tensorOf(Shape.of(batch, length, tags), DataBuffers.of(positions, true, false));
    }

    /** The transition counts as a tensor; the caller closes it. */
    public TFloat32 transitionsTensor() {
        return TFloat32.tensorOf(Shape.of(tags, tags), DataBuffers.of(transitions, true, false));
    }
}
