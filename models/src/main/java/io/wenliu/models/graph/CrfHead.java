package io.wenliu.models.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A linear-chain CRF tagging head over per-character states: a dense layer to tag scores (the CRF's
 * emissions) and a transition matrix, trained with {@link CrfLoss}. Shared by the single-task
 * {@code TaggerNetwork} and the student's segmentation, part-of-speech and NER heads. Its parameters
 * are declared in the constructor, in the order {@link #OUTPUT_KERNEL}, {@link #OUTPUT_BIAS},
 * {@link #TRANSITIONS} (the committed taggers' seeds depend on it). Not thread-safe; used while a
 * graph is built.
 */
public final class CrfHead {
    public static final String OUTPUT_KERNEL = "output_kernel";
    public static final String OUTPUT_BIAS = "output_bias";
    public static final String TRANSITIONS = "transitions";

    private final Ops tf;
    private final ParameterSource params;
    private final int channels;
    private final int numTags;

    /** Declares the head's weights in {@code params}: states of width {@code channels} to {@code numTags} tags. */
    public CrfHead(Ops tf, ParameterSource params, int channels, int numTags) {
        this.tf = tf;
        this.params = params;
        this.channels = channels;
        this.numTags = numTags;
        params.declare(OUTPUT_KERNEL, channels, numTags);
        params.declare(OUTPUT_BIAS, numTags);
        params.declare(TRANSITIONS, numTags, numTags);
    }

    /**
     * Tag scores [batch, length, tags] of character states [batch, length, channels].
     *
     * @param batchAndLength {@code tf.shape} of the token ids the states were computed from
     */
    public Operand<TFloat32> emissions(Operand<TFloat32> states, Operand<TInt32> batchAndLength) {
        Operand<TFloat32> flat = tf.reshape(states, tf.constant(new int[] {-1, channels}));
        Operand<TFloat32> scores = tf.math.add(tf.linalg.matMul(flat, params.get(OUTPUT_KERNEL)), params.get(OUTPUT_BIAS));
        return tf.reshape(scores, tf.concat(List.of(batchAndLength, tf.constant(new int[] {numTags})), tf.constant(0)));
    }

    /** [tags, tags], the score of going from tag i to tag j. */
    public Operand<TFloat32> transitions() {
        return params.get(TRANSITIONS);
    }

    public int numTags() {
        return numTags;
    }

    /** The CRF loss over this head's transitions ({@link CrfLoss#loss}). */
    public CrfLoss crf() {
        return new CrfLoss(tf, transitions());
    }
}
