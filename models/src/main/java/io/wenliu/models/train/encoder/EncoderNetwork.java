package io.wenliu.models.train.encoder;

import io.wenliu.models.train.ParameterSource;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sentence encoder as TF-Java graph ops, after the seed design (a dilated gated CNN, Su
 * Jianlin, kexue.fm/archives/5409) and its use for sentence vectors:
 *
 * <ol>
 *   <li>character embeddings concatenated with hashed embeddings of each character's bigram with
 *       the next one (computed in the graph, so serving feeds only character ids), zero at padding;</li>
 *   <li>residual gated blocks {@code x + σ(g) ⊙ (a − x)}, {@code [a; g]} a dilated 1-D convolution of
 *       {@code x} built by im2col (Pad, shifted Slices, ConcatV2, MatMul), because the C API's Conv2D
 *       gradient ignores dilations;</li>
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
    public static final String EMBEDDINGS = "embeddings";
    public static final String BIGRAM_EMBEDDINGS = "bigram_embeddings";
    public static final String PROJECTION_KERNEL = "projection_kernel";
    public static final String PROJECTION_BIAS = "projection_bias";
    private static final int HASH_LEFT = 1_000_003;
    private static final int HASH_RIGHT = 7_919;
    /** Logit added to masked-out entries: exp(−1e4) is 0 in float32. */
    private static final float MASKED = -1e4f;

    private final Ops tf;
    private final EncoderHyperParameters hp;
    private final ParameterSource params;
    private long dropoutSeed;

    public EncoderNetwork(Ops tf, EncoderHyperParameters hp, int vocabularySize, ParameterSource params) {
        this.tf = tf;
        this.hp = hp;
        this.params = params;
        this.dropoutSeed = hp.seed();
        int c = hp.channels();
        params.declare(EMBEDDINGS, vocabularySize, hp.charDim());
        if (hp.bigramBuckets() > 0) {
            params.declare(BIGRAM_EMBEDDINGS, hp.bigramBuckets(), hp.bigramDim());
        }
        for (int i = 0; i < hp.dilations().size(); i++) {
            params.declare(blockKernel(i), (long) hp.kernelSize() * c, 2L * c);
            params.declare(blockBias(i), 2L * c);
        }
        params.declare(PROJECTION_KERNEL, 2L * c, hp.dimension());
        params.declare(PROJECTION_BIAS, hp.dimension());
    }

    static String blockKernel(int block) {
        return "block" + block + "_kernel";
    }

    static String blockBias(int block) {
        return "block" + block + "_bias";
    }

    /** L2-normalised sentence embeddings [batch, dimension] of padded character ids [batch, length]. */
    public Operand<TFloat32> encode(Operand<TInt32> tokenIds, boolean training) {
        int c = hp.channels();
        Operand<TFloat32> mask = tf.dtypes.cast(tf.math.notEqual(tokenIds, tf.constant(0)), TFloat32.class);
        Operand<TFloat32> mask3 = tf.expandDims(mask, tf.constant(-1));
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        Operand<TFloat32> x = tf.gather(params.get(EMBEDDINGS), tokenIds, tf.constant(0));
        if (hp.bigramBuckets() > 0) {
            x = tf.concat(List.of(x, tf.gather(params.get(BIGRAM_EMBEDDINGS), bigramIds(tokenIds), tf.constant(0))),
                    tf.constant(-1));
        }
        x = dropout(tf.math.mul(x, mask3), training);
        for (int i = 0; i < hp.dilations().size(); i++) {
            x = gatedBlock(x, mask3, batchAndLength, i, hp.dilations().get(i), training);
        }
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

    private Operand<TFloat32> gatedBlock(Operand<TFloat32> x, Operand<TFloat32> mask3, Operand<TInt32> batchAndLength,
                                         int block, int dilation, boolean training) {
        int c = hp.channels();
        Operand<TFloat32> columns = dilatedColumns(x, batchAndLength, dilation);
        Operand<TFloat32> flat = tf.reshape(columns, tf.constant(new int[] {-1, hp.kernelSize() * c}));
        Operand<TFloat32> both = tf.math.add(tf.linalg.matMul(flat, params.get(blockKernel(block))), params.get(blockBias(block)));
        Operand<TInt32> shape3 = tf.concat(List.of(batchAndLength, tf.constant(new int[] {c})), tf.constant(0));
        Operand<TFloat32> candidate = tf.reshape(tf.slice(both, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, c})), shape3);
        Operand<TFloat32> gate = tf.math.sigmoid(
                tf.reshape(tf.slice(both, tf.constant(new int[] {0, c}), tf.constant(new int[] {-1, c})), shape3));
        Operand<TFloat32> out = tf.math.add(x, tf.math.mul(gate, tf.math.sub(candidate, x)));
        return dropout(tf.math.mul(out, mask3), training);
    }

    Operand<TInt32> bigramIds(Operand<TInt32> tokenIds) {
        Operand<TInt32> next = tf.pad(tf.slice(tokenIds, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, -1})),
                tf.constant(new int[][] {{0, 0}, {0, 1}}), tf.constant(0));
        Operand<TInt32> hash = tf.math.add(tf.math.mul(tokenIds, tf.constant(HASH_LEFT)), tf.math.mul(next, tf.constant(HASH_RIGHT)));
        return tf.math.floorMod(hash, tf.constant(hp.bigramBuckets()));
    }

    Operand<TFloat32> dilatedColumns(Operand<TFloat32> x, Operand<TInt32> batchAndLength, int dilation) {
        int reach = hp.kernelSize() / 2 * dilation;
        Operand<TFloat32> padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {reach, reach}, {0, 0}}), tf.constant(0f));
        Operand<TInt32> length = tf.slice(batchAndLength, tf.constant(new int[] {1}), tf.constant(new int[] {1}));
        Operand<TInt32> size = tf.concat(List.of(tf.constant(new int[] {-1}), length, tf.constant(new int[] {-1})), tf.constant(0));
        List<Operand<TFloat32>> taps = new ArrayList<>();
        for (int k = 0; k < hp.kernelSize(); k++) {
            taps.add(tf.slice(padded, tf.constant(new int[] {0, k * dilation, 0}), size));
        }
        return tf.concat(taps, tf.constant(-1));
    }

    private Operand<TFloat32> dropout(Operand<TFloat32> x, boolean training) {
        if (!training || hp.dropout() <= 0f) {
            return x;
        }
        long seed2 = ++dropoutSeed;
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(x), TFloat32.class,
                RandomUniform.seed(hp.seed()), RandomUniform.seed2(seed2));
        Operand<TFloat32> keep = tf.stopGradient(tf.math.div(
                tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(hp.dropout())), TFloat32.class),
                tf.constant(1f - hp.dropout())));
        return tf.math.mul(x, keep);
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
