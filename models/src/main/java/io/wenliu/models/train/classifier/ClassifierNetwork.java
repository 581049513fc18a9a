package io.wenliu.models.train.classifier;

import io.wenliu.models.train.ParameterSource;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A binary text classifier over characters as TF-Java graph ops: a dilated gated CNN encoder (after
 * Su Jianlin's DGCNN, kexue.fm/archives/5409) with attention pooling and max pooling.
 *
 * <ol>
 *   <li>character embeddings concatenated with hashed embeddings of each character's bigram with
 *       the next one (hashed in the graph, so serving takes only character ids), masked at padding
 *       (id 0);</li>
 *   <li>residual gated blocks {@code x + σ(g) ⊙ (a − x)} where {@code [a; g]} is a dilated 1-D
 *       convolution of {@code x}, built by im2col (Pad, shifted Slices, ConcatV2, MatMul) because the
 *       C API's Conv2D gradient ignores dilations;</li>
 *   <li>attention pooling {@code Σ_t α_t h_t} with {@code α = softmax_t(v · tanh(W h_t + b))} over
 *       real characters only, concatenated with the masked max over time;</li>
 *   <li>a dense layer to one logit, the log-odds that the text is positive; trained with the
 *       logistic (binary cross-entropy) loss.</li>
 * </ol>
 *
 * <p>The embedding, bigram-hash and dilated-block code repeats the corresponding private parts of
 * {@code io.wenliu.models.train.TaggerNetwork} (same hash constants), which ends in a CRF instead.
 * Padding never changes a text's logit: every layer masks it. The same code builds the training
 * graph (with dropout) and the serving graph. Every op has a gradient check in
 * {@code ClassifierNetworkGradientTest}. Not thread-safe; used while a graph is being built.
 */
public final class ClassifierNetwork {
    public static final String EMBEDDINGS = "embeddings";
    public static final String BIGRAM_EMBEDDINGS = "bigram_embeddings";
    public static final String ATTENTION_KERNEL = "attention_kernel";
    public static final String ATTENTION_BIAS = "attention_bias";
    public static final String ATTENTION_VECTOR = "attention_vector";
    public static final String OUTPUT_KERNEL = "output_kernel";
    public static final String OUTPUT_BIAS = "output_bias";
    private static final int HASH_LEFT = 1_000_003;
    private static final int HASH_RIGHT = 7_919;
    /** Added to scores at padding so that softmax and max ignore it. */
    private static final float PADDING_PENALTY = 1e4f;

    private final Ops tf;
    private final ClassifierHyperParameters hp;
    private final ParameterSource params;
    private long dropoutSeed;

    /**
     * @param params where the weights come from: fresh variables while training, restored ones when
     *               exporting
     */
    public ClassifierNetwork(Ops tf, ClassifierHyperParameters hp, int vocabularySize, ParameterSource params) {
        this.tf = tf;
        this.hp = hp;
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
        params.declare(ATTENTION_KERNEL, c, hp.attentionDim());
        params.declare(ATTENTION_BIAS, hp.attentionDim());
        params.declare(ATTENTION_VECTOR, hp.attentionDim(), 1);
        params.declare(OUTPUT_KERNEL, 2L * c, 1);
        params.declare(OUTPUT_BIAS, 1);
    }

    static boolean isEmbedding(String name) {
        return name.equals(EMBEDDINGS) || name.equals(BIGRAM_EMBEDDINGS);
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

    /** The positive-class logit of each text, shape [batch]; {@code training} adds dropout. */
    public Operand<TFloat32> logits(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> mask = mask(tokenIds);
        Operand<TFloat32> features = dropout(pool(encode(tokenIds, mask, training), mask), training);
        Operand<TFloat32> logit = tf.math.add(tf.linalg.matMul(features, params.get(OUTPUT_KERNEL)), params.get(OUTPUT_BIAS));
        return tf.reshape(logit, tf.constant(new int[] {-1}));
    }

    /** Mean logistic loss of {@code logits} against 0/1 {@code labels}: softplus(z) − y·z, computed stably. */
    public Operand<TFloat32> loss(Operand<TFloat32> logits, Operand<TFloat32> labels) {
        // softplus(z) = max(z, 0) + log(1 + exp(-|z|)) never overflows
        Operand<TFloat32> softplus = tf.math.add(tf.nn.relu(logits),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
        return tf.math.mean(tf.math.sub(softplus, tf.math.mul(labels, logits)), tf.constant(0));
    }

    /** Character states after the convolution blocks, [batch, length, channels], zero at padding. */
    Operand<TFloat32> encode(Operand<TInt32> tokenIds, Operand<TFloat32> mask, boolean training) {
        Operand<TFloat32> mask3 = tf.expandDims(mask, tf.constant(-1));
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        Operand<TFloat32> embedded = tf.gather(params.get(EMBEDDINGS), tokenIds, tf.constant(0));
        if (hp.bigramBuckets() > 0) {
            embedded = tf.concat(List.of(embedded,
                    tf.gather(params.get(BIGRAM_EMBEDDINGS), bigramIds(tokenIds), tf.constant(0))), tf.constant(-1));
        }
        Operand<TFloat32> x = dropout(tf.math.mul(embedded, mask3), training);
        for (int i = 0; i < hp.dilations().size(); i++) {
            x = gatedBlock(x, mask3, batchAndLength, i, hp.dilations().get(i), training);
        }
        return x;
    }

    /** Attention pooling and max pooling over real characters, concatenated: [batch, 2 × channels]. */
    Operand<TFloat32> pool(Operand<TFloat32> states, Operand<TFloat32> mask) {
        int c = hp.channels();
        Operand<TFloat32> weights3 = tf.expandDims(attentionWeights(states, mask), tf.constant(-1)); // [B, L, 1]
        Operand<TFloat32> attended = tf.sum(tf.math.mul(weights3, states), tf.constant(1));        // [B, C]
        Operand<TFloat32> penalty3 = tf.expandDims(padPenalty(mask), tf.constant(-1));
        Operand<TFloat32> maxed = tf.max(tf.math.sub(states, penalty3), tf.constant(1));          // [B, C]
        return tf.reshape(tf.concat(List.of(attended, maxed), tf.constant(-1)), tf.constant(new int[] {-1, 2 * c}));
    }

    /** Softmax over real characters of the attention scores, [batch, length]; zero at padding. */
    Operand<TFloat32> attentionWeights(Operand<TFloat32> states, Operand<TFloat32> mask) {
        int c = hp.channels();
        Operand<TFloat32> flat = tf.reshape(states, tf.constant(new int[] {-1, c}));
        Operand<TFloat32> hidden = tf.math.tanh(tf.math.add(tf.linalg.matMul(flat, params.get(ATTENTION_KERNEL)),
                params.get(ATTENTION_BIAS)));
        Operand<TFloat32> scores = tf.reshape(tf.linalg.matMul(hidden, params.get(ATTENTION_VECTOR)), tf.shape(mask));
        Operand<TFloat32> shifted = tf.math.sub(scores, padPenalty(mask));
        // subtracting the (constant) maximum keeps exp() finite
        Operand<TFloat32> max = tf.stopGradient(tf.max(shifted, tf.constant(1), Max.keepDims(true)));
        Operand<TFloat32> exp = tf.math.mul(tf.math.exp(tf.math.sub(shifted, max)), mask);
        Operand<TFloat32> sum = tf.sum(exp, tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true));
        return tf.math.div(exp, sum);
    }

    private Operand<TFloat32> padPenalty(Operand<TFloat32> mask) {
        return tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(PADDING_PENALTY));
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

    /** Hash bucket of each character with the next one (padding after the last), in [0, bigramBuckets). */
    Operand<TInt32> bigramIds(Operand<TInt32> tokenIds) {
        Operand<TInt32> next = tf.pad(tf.slice(tokenIds, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, -1})),
                tf.constant(new int[][] {{0, 0}, {0, 1}}), tf.constant(0));
        Operand<TInt32> hash = tf.math.add(tf.math.mul(tokenIds, tf.constant(HASH_LEFT)), tf.math.mul(next, tf.constant(HASH_RIGHT)));
        return tf.math.floorMod(hash, tf.constant(hp.bigramBuckets()));
    }

    /** Each position's kernel taps at distance {@code dilation}, concatenated: [batch, length, kernel × channels]. */
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
        // the mask is data, not a function of the weights: no gradient flows into it
        Operand<TFloat32> keep = tf.stopGradient(tf.math.div(
                tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(hp.dropout())), TFloat32.class),
                tf.constant(1f - hp.dropout())));
        return tf.math.mul(x, keep);
    }
}
