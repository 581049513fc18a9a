package io.wenliu.models.train.encoder;

import io.wenliu.models.train.CharacterEncoder;
import io.wenliu.models.train.ParameterSource;
import io.wenliu.models.train.SeededDropout;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sentence encoder as TF-Java graph ops, after the seed design (a dilated gated CNN, Su
 * Jianlin, kexue.fm/archives/5409) and its use for sentence vectors:
 *
 * <ol>
 *   <li>the shared {@link CharacterEncoder}: character and hashed bigram embeddings, residual gated
 *       dilated blocks;</li>
 *   <li>masked mean and max pooling over the characters, concatenated, then a dense layer to
 *       {@code dimension} components and L2 normalisation (as exp(−½·log Σx²), ops with verified
 *       gradients).</li>
 * </ol>
 * Training adds two losses over a batch of sentence pairs ({@link #loss}): AM-Softmax over in-batch
 * candidates for the paraphrase pairs, and CoSENT (Su, kexue.fm/archives/8847) ranking every pair by
 * its graded label.
 *
 * <p>The same code builds the training graph (with dropout) and the serving graph. Every op has a
 * gradient check in {@code EncoderNetworkGradientTest}. Not thread-safe; used while a graph is built.
 */
public final class EncoderNetwork {
    public static final String PROJECTION_KERNEL = "projection_kernel";
    public static final String PROJECTION_BIAS = "projection_bias";
    /** Logit added to masked-out entries: exp(−1e4) is 0 in float32. */
    private static final float MASKED = -1e4f;

    private final Ops tf;
    private final EncoderHyperParameters hp;
    private final ParameterSource params;
    private final CharacterEncoder characters;

    public EncoderNetwork(Ops tf, EncoderHyperParameters hp, int vocabularySize, ParameterSource params) {
        this.tf = tf;
        this.hp = hp;
        this.params = params;
        CharacterEncoder.Settings settings = new CharacterEncoder.Settings(hp.charDim(), hp.bigramBuckets(), hp.bigramDim(),
                hp.dilations(), hp.kernelSize());
        this.characters = new CharacterEncoder(tf, settings, vocabularySize, params, new SeededDropout(tf, hp.dropout(), hp.seed()));
        params.declare(PROJECTION_KERNEL, 2L * hp.channels(), hp.dimension());
        params.declare(PROJECTION_BIAS, hp.dimension());
    }

    /** L2-normalised sentence embeddings [batch, dimension] of padded character ids [batch, length]. */
    public Operand<TFloat32> encode(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> mask = characters.mask(tokenIds);
        Operand<TFloat32> mask3 = tf.expandDims(mask, tf.constant(-1));
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        Operand<TFloat32> x = characters.encode(tokenIds, mask3, batchAndLength, training);
        // masked mean: the lengths are data, so their reciprocal needs no gradient
        Operand<TFloat32> inverseLength = tf.stopGradient(tf.math.div(tf.constant(1f),
                tf.math.maximum(tf.sum(mask, tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true)), tf.constant(1f))));
        Operand<TFloat32> mean = tf.math.mul(tf.sum(x, tf.constant(1)), inverseLength);
        // masked max: padding positions sit far below any real activation
        Operand<TFloat32> max = tf.max(tf.math.add(x, tf.math.mul(tf.math.sub(mask3, tf.constant(1f)), tf.constant(1e4f))),
                tf.constant(1));
        Operand<TFloat32> pooled = tf.concat(List.of(mean, max), tf.constant(-1));
        Operand<TFloat32> projected = tf.math.add(tf.linalg.matMul(pooled, params.get(PROJECTION_KERNEL)),
                params.get(PROJECTION_BIAS));
        return l2Normalize(projected);
    }

    Operand<TFloat32> l2Normalize(Operand<TFloat32> v) {
        Operand<TFloat32> squares = tf.sum(tf.math.mul(v, v), tf.constant(-1), org.tensorflow.op.core.Sum.keepDims(true));
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
        Operand<TFloat32> scale = tf.constant(hp.scale());
        // AM-Softmax: row i's target is column i, with the margin taken off its cosine
        Operand<TFloat32> cosines = tf.linalg.matMul(a, b, MatMul.transposeB(true));            // [B, B]
        Operand<TInt32> n = tf.reshape(tf.shape(paraphrase), tf.constant(new int[0]));
        Operand<TFloat32> eye = tf.oneHot(tf.range(tf.constant(0), n, tf.constant(1)), n, tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> logits = tf.math.mul(scale, tf.math.sub(cosines, tf.math.mul(eye, tf.constant(hp.margin()))));
        Operand<TFloat32> target = tf.sum(tf.math.mul(logits, eye), tf.constant(1));              // [B]
        Operand<TFloat32> rows = tf.math.sub(logSumExp(logits, 1), target);
        Operand<TFloat32> columns = tf.math.sub(logSumExp(logits, 0), target);
        Operand<TFloat32> anchors = tf.math.maximum(tf.sum(paraphrase, tf.constant(0)), tf.constant(1f));
        Operand<TFloat32> amSoftmax = tf.math.div(
                tf.sum(tf.math.mul(tf.math.add(rows, columns), paraphrase), tf.constant(0)),
                tf.math.mul(tf.constant(2f), tf.stopGradient(anchors)));
        // CoSENT: log(1 + Σ_{i below j} exp(scale·(cos_i − cos_j)))
        Operand<TFloat32> pairCosines = tf.sum(tf.math.mul(a, b), tf.constant(1));                // [B]
        Operand<TFloat32> differences = tf.math.mul(scale, tf.math.sub(
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
