package io.wenliu.models.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sentence-embedding head: pooled features to a dense layer of {@code dimension} components, L2
 * normalised (as exp(−½·log Σx²), ops with verified gradients), and its training loss over a batch of
 * sentence pairs ({@link #loss}): AM-Softmax over in-batch candidates for the paraphrase pairs, and
 * CoSENT (Su, kexue.fm/archives/8847) ranking every pair by its graded label. Shared by the sentence
 * encoder ({@code EncoderNetwork}) and the student's similarity head. Not thread-safe; used while a
 * graph is built.
 */
public final class EmbeddingHead {
    public static final String PROJECTION_KERNEL = "projection_kernel";
    public static final String PROJECTION_BIAS = "projection_bias";
    /** Logit added to masked-out entries: exp(−1e4) is 0 in float32. */
    private static final float MASKED = -1e4f;

    private final Ops tf;
    private final ParameterSource params;
    private final float scale;
    private final float margin;

    /**
     * Declares the projection in {@code params}.
     *
     * @param inputWidth width of the pooled features
     * @param scale      AM-Softmax's and CoSENT's logit scale
     * @param margin     AM-Softmax's margin, taken off the target's cosine
     */
    public EmbeddingHead(Ops tf, ParameterSource params, int inputWidth, int dimension, float scale, float margin) {
        this.tf = tf;
        this.params = params;
        this.scale = scale;
        this.margin = margin;
        params.declare(PROJECTION_KERNEL, inputWidth, dimension);
        params.declare(PROJECTION_BIAS, dimension);
    }

    /** L2-normalised embeddings [batch, dimension] of pooled features [batch, inputWidth]. */
    public Operand<TFloat32> embed(Operand<TFloat32> pooled) {
        return l2Normalize(tf.math.add(tf.linalg.matMul(pooled, params.get(PROJECTION_KERNEL)), params.get(PROJECTION_BIAS)));
    }

    Operand<TFloat32> l2Normalize(Operand<TFloat32> v) {
        Operand<TFloat32> squares = tf.sum(tf.math.mul(v, v), tf.constant(-1), Sum.keepDims(true));
        Operand<TFloat32> inverseNorm = tf.math.exp(tf.math.mul(tf.constant(-0.5f),
                tf.math.log(tf.math.add(squares, tf.constant(1e-12f)))));
        return tf.math.mul(v, inverseNorm);
    }

    /**
     * The training loss of a batch of B sentence pairs (first sentences {@code a}, second {@code b},
     * both [B, dimension] unit vectors).
     *
     * @param paraphrase [B] 1 where the pair is a paraphrase (an anchor for AM-Softmax), else 0
     * @param ranked     [B, B] 1 where pair i is graded below pair j, so cos_i should be below cos_j
     * @return AM-Softmax (both directions, averaged over paraphrase pairs) + CoSENT
     */
    public Operand<TFloat32> loss(Operand<TFloat32> a, Operand<TFloat32> b, Operand<TFloat32> paraphrase,
                                  Operand<TFloat32> ranked) {
        Operand<TFloat32> scaleT = tf.constant(scale);
        // AM-Softmax: row i's target is column i, with the margin taken off its cosine
        Operand<TFloat32> cosines = tf.linalg.matMul(a, b, MatMul.transposeB(true));            // [B, B]
        Operand<TInt32> n = tf.reshape(tf.shape(paraphrase), tf.constant(new int[0]));
        Operand<TFloat32> eye = tf.oneHot(tf.range(tf.constant(0), n, tf.constant(1)), n, tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> logits = tf.math.mul(scaleT, tf.math.sub(cosines, tf.math.mul(eye, tf.constant(margin))));
        Operand<TFloat32> target = tf.sum(tf.math.mul(logits, eye), tf.constant(1));              // [B]
        Operand<TFloat32> rows = tf.math.sub(logSumExp(logits, 1), target);
        Operand<TFloat32> columns = tf.math.sub(logSumExp(logits, 0), target);
        Operand<TFloat32> anchors = tf.math.maximum(tf.sum(paraphrase, tf.constant(0)), tf.constant(1f));
        Operand<TFloat32> amSoftmax = tf.math.div(
                tf.sum(tf.math.mul(tf.math.add(rows, columns), paraphrase), tf.constant(0)),
                tf.math.mul(tf.constant(2f), tf.stopGradient(anchors)));
        // CoSENT: log(1 + Σ_{i below j} exp(scale·(cos_i − cos_j)))
        Operand<TFloat32> pairCosines = tf.sum(tf.math.mul(a, b), tf.constant(1));                // [B]
        Operand<TFloat32> differences = tf.math.mul(scaleT, tf.math.sub(
                tf.expandDims(pairCosines, tf.constant(1)), tf.expandDims(pairCosines, tf.constant(0))));
        Operand<TFloat32> masked = tf.math.add(tf.math.mul(differences, ranked),
                tf.math.mul(tf.math.sub(tf.constant(1f), ranked), tf.constant(MASKED)));
        Operand<TFloat32> flat = tf.concat(List.of(tf.constant(new float[] {0f}), tf.reshape(masked, tf.constant(new int[] {-1}))),
                tf.constant(0));
        Operand<TFloat32> cosent = logSumExp(flat, 0);
        return tf.math.add(amSoftmax, cosent);
    }

    private Operand<TFloat32> logSumExp(Operand<TFloat32> x, int axis) {
        Operand<TFloat32> max = tf.stopGradient(tf.max(x, tf.constant(axis), Max.keepDims(true)));
        Operand<TFloat32> sum = tf.sum(tf.math.exp(tf.math.sub(x, max)), tf.constant(axis));
        return tf.math.add(tf.math.log(sum), tf.sum(max, tf.constant(axis)));
    }
}
