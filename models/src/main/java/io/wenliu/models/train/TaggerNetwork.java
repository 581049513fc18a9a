package io.wenliu.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The DGCNN-CRF character tagger as TF-Java graph ops, after Su Jianlin's dilated gated CNN
 * (kexue.fm/archives/5409) and CNN+CRF segmenter (kexue.fm/archives/4195):
 *
 * <ol>
 *   <li>character embeddings, optionally concatenated with hashed embeddings of each character's
 *       bigram with the next one, masked at padding (id 0);</li>
 *   <li>residual gated blocks {@code x + σ(g) ⊙ (a − x)} where {@code [a; g]} is a dilated 1-D
 *       convolution of {@code x}; the dilation is built by im2col (Pad, shifted Slices, ConcatV2,
 *       MatMul) because the C API's Conv2D gradient ignores dilations;</li>
 *   <li>a dense layer to per-character tag scores (CRF emissions) and a transition matrix.</li>
 * </ol>
 *
 * <p>The same code builds the training graph (with dropout) and the serving graph, so both compute
 * the same function; every op used here has a gradient check in {@code TaggerNetworkGradientTest}.
 * Not thread-safe; used while a graph is being built.
 */
public final class TaggerNetwork {
    public static final String EMBEDDINGS = "embeddings";
    public static final String BIGRAM_EMBEDDINGS = "bigram_embeddings";
    /** Multipliers of the bigram hash; int32 arithmetic wraps, which a hash does not mind. */
    private static final int HASH_LEFT = 1_000_003;
    private static final int HASH_RIGHT = 7_919;
    public static final String TRANSITIONS = "transitions";
    public static final String OUTPUT_KERNEL = "output_kernel";
    public static final String OUTPUT_BIAS = "output_bias";

    private final Ops tf;
    private final TaggerHyperParameters hp;
    private final int numTags;
    private final ParameterSource params;
    private long dropoutSeed;

    /**
     * @param params where the network's weights come from: fresh variables while training, restored
     *               ones when exporting
     */
    public TaggerNetwork(Ops tf, TaggerHyperParameters hp, int vocabularySize, int numTags, ParameterSource params) {
        this.tf = tf;
        this.hp = hp;
        this.numTags = numTags;
        this.params = params;
        this.dropoutSeed = hp.seed();
        int c = hp.channels();
        boolean bigrams = hp.bigramBuckets() > 0;
        params.declare(EMBEDDINGS, vocabularySize, bigrams ? c - hp.bigramDim() : c);
        if (bigrams) {
            params.declare(BIGRAM_EMBEDDINGS, hp.bigramBuckets(), hp.bigramDim());
        }
        for (int i = 0; i < hp.dilations().size(); i++) {
            params.declare(blockKernel(i), (long) hp.kernelSize() * c, 2L * c);
            params.declare(blockBias(i), 2L * c);
        }
        params.declare(OUTPUT_KERNEL, c, numTags);
        params.declare(OUTPUT_BIAS, numTags);
        params.declare(TRANSITIONS, numTags, numTags);
    }

    static String blockKernel(int block) {
        return "block" + block + "_kernel";
    }

    static String blockBias(int block) {
        return "block" + block + "_bias";
    }

    /** 1.0 at real characters, 0.0 at padding; shape [batch, length]. */
    public Operand<TFloat32> mask(Operand<TInt32> tokenIds) {
        return tf.dtypes.cast(tf.math.notEqual(tokenIds, tf.constant(0)), TFloat32.class);
    }

    /** Tag scores for every character, shape [batch, length, tags]; {@code training} adds dropout. */
    public Operand<TFloat32> emissions(Operand<TInt32> tokenIds, boolean training) {
        int c = hp.channels();
        Operand<TFloat32> mask3 = tf.expandDims(mask(tokenIds), tf.constant(-1));
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        Operand<TFloat32> embedded = tf.gather(params.get(EMBEDDINGS), tokenIds, tf.constant(0));
        if (hp.bigramBuckets() > 0) {
            embedded = tf.concat(List.of(embedded,
                    tf.gather(params.get(BIGRAM_EMBEDDINGS), bigramIds(tokenIds), tf.constant(0))), tf.constant(-1));
        }
        Operand<TFloat32> x = tf.math.mul(embedded, mask3);
        x = dropout(x, training);
        for (int i = 0; i < hp.dilations().size(); i++) {
            x = gatedBlock(x, mask3, batchAndLength, i, hp.dilations().get(i), training);
        }
        Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, c}));
        Operand<TFloat32> scores = tf.math.add(tf.linalg.matMul(flat, params.get(OUTPUT_KERNEL)), params.get(OUTPUT_BIAS));
        return tf.reshape(scores, tf.concat(List.of(batchAndLength, tf.constant(new int[] {numTags})), tf.constant(0)));
    }

    public Operand<TFloat32> transitions() {
        return params.get(TRANSITIONS);
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

    /**
     * Hash bucket of each character together with the next one (padding after the last), in
     * [0, bigramBuckets). Computed in the graph so that serving needs only character ids.
     */
    Operand<TInt32> bigramIds(Operand<TInt32> tokenIds) {
        Operand<TInt32> next = tf.pad(tf.slice(tokenIds, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, -1})),
                tf.constant(new int[][] {{0, 0}, {0, 1}}), tf.constant(0));
        Operand<TInt32> hash = tf.math.add(tf.math.mul(tokenIds, tf.constant(HASH_LEFT)), tf.math.mul(next, tf.constant(HASH_RIGHT)));
        return tf.math.floorMod(hash, tf.constant(hp.bigramBuckets()));
    }

    /**
     * For each position, the kernel's taps at distance {@code dilation} concatenated on the channel
     * axis: [batch, length, kernel × channels]. Zero padding keeps the length.
     */
    Operand<TFloat32> dilatedColumns(Operand<TFloat32> x, Operand<TInt32> batchAndLength, int dilation) {
        int half = hp.kernelSize() / 2;
        int reach = half * dilation;
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
        // the mask is data, not a function of the weights: no gradient flows into it
        Operand<TFloat32> keep = tf.stopGradient(tf.math.div(
                tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(hp.dropout())), TFloat32.class),
                tf.constant(1f - hp.dropout())));
        return tf.math.mul(x, keep);
    }

    /**
     * Negative log-likelihood of the gold tag paths under the linear-chain CRF, averaged over the
     * batch, for batches padded to exactly {@code length}.
     *
     * @param goldOneHot       [batch, length, tags], the gold tag of each real character, zero at padding
     * @param goldTransitions  [tags, tags], how often each gold transition occurs in the batch
     * @param batchSize        scalar, the number of sequences in the batch
     */
    public Operand<TFloat32> crfLoss(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length,
                                     Operand<TFloat32> goldOneHot, Operand<TFloat32> goldTransitions,
                                     Operand<TFloat32> batchSize) {
        Operand<TFloat32> logZ = logPartition(emissions, mask, length);
        Operand<TFloat32> goldEmissions = tf.sum(tf.math.mul(goldOneHot, emissions), tf.constant(new int[] {0, 1, 2}));
        Operand<TFloat32> goldTransitionScore = tf.sum(tf.math.mul(goldTransitions, transitions()), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> total = tf.math.sub(tf.sum(logZ, tf.constant(0)), tf.math.add(goldEmissions, goldTransitionScore));
        return tf.math.div(total, batchSize);
    }

    /** log Σ over all tag paths of exp(score), per sequence: the forward algorithm, unrolled. */
    Operand<TFloat32> logPartition(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length) {
        Unstack<TFloat32> steps = tf.unstack(emissions, (long) length, Unstack.axis(1L));
        Unstack<TFloat32> stepMasks = tf.unstack(mask, (long) length, Unstack.axis(1L));
        Operand<TFloat32> transitions = tf.expandDims(transitions(), tf.constant(0));          // [1, K, K]
        Operand<TFloat32> alpha = steps.output().get(0);                                          // [B, K]
        for (int t = 1; t < length; t++) {
            Operand<TFloat32> scores = tf.math.add(
                    tf.math.add(tf.expandDims(alpha, tf.constant(2)), transitions),                  // [B, K, K]
                    tf.expandDims(steps.output().get(t), tf.constant(1)));
            Operand<TFloat32> next = logSumExp(scores, 1);                                          // [B, K]
            Operand<TFloat32> m = tf.expandDims(stepMasks.output().get(t), tf.constant(1));        // [B, 1]
            alpha = tf.math.add(alpha, tf.math.mul(m, tf.math.sub(next, alpha)));                 // padding keeps alpha
        }
        return logSumExp(alpha, 1);
    }

    private Operand<TFloat32> logSumExp(Operand<TFloat32> x, int axis) {
        // subtracting the (constant) maximum keeps exp() finite; summing over the size-1 axis drops it
        Operand<TFloat32> max = tf.stopGradient(tf.max(x, tf.constant(axis), Max.keepDims(true)));
        Operand<TFloat32> sum = tf.sum(tf.math.exp(tf.math.sub(x, max)), tf.constant(axis));
        return tf.math.add(tf.math.log(sum), tf.sum(max, tf.constant(axis)));
    }
}
