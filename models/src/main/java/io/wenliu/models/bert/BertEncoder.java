package io.wenliu.models.bert;

import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.SeededDropout;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A BERT encoder (Devlin et al. 2019) as TF-Java graph ops, computing what the Hugging Face
 * {@code BertModel} computes: word + position + token-type embeddings and LayerNorm, then per layer
 * multi-head self-attention over the real tokens (padding masked out), residual + LayerNorm, a GELU
 * feed-forward layer (the exact erf form), residual + LayerNorm.
 *
 * <p>Parameters carry the Hugging Face names ({@code encoder.layer.0.attention.self.query.weight}),
 * dense weights {@code [in, out]}, so {@link BertWeights} fill them as they are. The same code builds
 * training graphs (with dropout) and serving graphs. Every op used here has a finite-difference gradient
 * check in {@code BertEncoderGradientTest}. Not thread-safe; used while a graph is being built.
 */
public final class BertEncoder {
    public static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    public static final String POSITION_EMBEDDINGS = "embeddings.position_embeddings.weight";
    public static final String TOKEN_TYPE_EMBEDDINGS = "embeddings.token_type_embeddings.weight";
    /** The id of [PAD] in BERT vocabularies: ids equal to it are padding. */
    public static final int PAD_ID = 0;
    /** What masked attention scores get: exp() of it is 0 in float32, as in BERT. */
    private static final float MASKED_SCORE = -10000f;

    private final Ops tf;
    private final BertConfig config;
    private final ParameterSource params;
    private final SeededDropout dropout;

    /**
     * @param params  where the weights come from: pre-trained or fine-tuned variables
     * @param dropout applied (when training) to embeddings, attention probabilities and each sub-layer's output
     */
    public BertEncoder(Ops tf, BertConfig config, ParameterSource params, SeededDropout dropout) {
        this.tf = tf;
        this.config = config;
        this.params = params;
        this.dropout = dropout;
        int h = config.hidden();
        params.declare(WORD_EMBEDDINGS, config.vocabularySize(), h);
        params.declare(POSITION_EMBEDDINGS, config.maxPositions(), h);
        params.declare(TOKEN_TYPE_EMBEDDINGS, config.typeVocabulary(), h);
        declareLayerNorm("embeddings.LayerNorm");
        for (int layer = 0; layer < config.layers(); layer++) {
            String prefix = "encoder.layer." + layer + ".";
            declareDense(prefix + "attention.self.query", h, h);
            declareDense(prefix + "attention.self.key", h, h);
            declareDense(prefix + "attention.self.value", h, h);
            declareDense(prefix + "attention.output.dense", h, h);
            declareLayerNorm(prefix + "attention.output.LayerNorm");
            declareDense(prefix + "intermediate.dense", h, config.intermediate());
            declareDense(prefix + "output.dense", config.intermediate(), h);
            declareLayerNorm(prefix + "output.LayerNorm");
        }
    }

    private void declareDense(String name, int in, int out) {
        params.declare(name + ".weight", in, out);
        params.declare(name + ".bias", out);
    }

    private void declareLayerNorm(String name) {
        params.declare(name + ".weight", config.hidden());
        params.declare(name + ".bias", config.hidden());
    }

    public BertConfig config() {
        return config;
    }

    /** 1.0 at real tokens, 0.0 at padding; shape [batch, length]. */
    public Operand<TFloat32> mask(Operand<TInt32> tokenIds) {
        return tf.dtypes.cast(tf.math.notEqual(tokenIds, tf.constant(PAD_ID)), TFloat32.class);
    }

    /**
     * The last hidden state, shape [batch, length, hidden], for token ids [batch, length] padded with
     * {@link #PAD_ID} (all of token type 0); {@code training} adds dropout.
     */
    public Operand<TFloat32> encode(Operand<TInt32> tokenIds, boolean training) {
        int h = config.hidden();
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        Operand<TInt32> length = tf.slice(batchAndLength, tf.constant(new int[] {1}), tf.constant(new int[] {1}));
        Operand<TFloat32> positions = tf.slice(params.get(POSITION_EMBEDDINGS), tf.constant(new int[] {0, 0}),
                tf.concat(List.of(length, tf.constant(new int[] {-1})), tf.constant(0)));            // [L, H]
        Operand<TFloat32> firstType = tf.slice(params.get(TOKEN_TYPE_EMBEDDINGS), tf.constant(new int[] {0, 0}),
                tf.constant(new int[] {1, -1}));                                                  // [1, H]
        Operand<TFloat32> words = tf.gather(params.get(WORD_EMBEDDINGS), tokenIds, tf.constant(0)); // [B, L, H]
        Operand<TFloat32> embedded = tf.math.add(tf.math.add(words, positions), firstType);
        Operand<TFloat32> x = tf.reshape(embedded, tf.constant(new int[] {-1, h}));               // [B*L, H]
        x = dropout.apply(layerNorm(x, "embeddings.LayerNorm"), training);

        // [B, 1, 1, L]: added to every head's scores of every query, it hides the padding keys
        Operand<TFloat32> maskBias = tf.math.mul(tf.math.sub(tf.constant(1f), mask(tokenIds)), tf.constant(MASKED_SCORE));
        maskBias = tf.expandDims(tf.expandDims(maskBias, tf.constant(1)), tf.constant(1));
        for (int layer = 0; layer < config.layers(); layer++) {
            x = layer(x, "encoder.layer." + layer + ".", batchAndLength, maskBias, training);
        }
        return tf.reshape(x, tf.concat(List.of(batchAndLength, tf.constant(new int[] {h})), tf.constant(0)));
    }

    /** The [CLS] vector of each sequence, shape [batch, hidden]: the sentence embedding of bge. */
    public Operand<TFloat32> pooled(Operand<TFloat32> hidden) {
        return tf.squeeze(tf.slice(hidden, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, 1, -1})),
                Squeeze.axis(1L));
    }

    private Operand<TFloat32> layer(Operand<TFloat32> x, String prefix, Operand<TInt32> batchAndLength,
                                    Operand<TFloat32> maskBias, boolean training) {
        Operand<TFloat32> q = heads(dense(x, prefix + "attention.self.query"), batchAndLength);
        Operand<TFloat32> k = heads(dense(x, prefix + "attention.self.key"), batchAndLength);
        Operand<TFloat32> v = heads(dense(x, prefix + "attention.self.value"), batchAndLength);
        Operand<TFloat32> scores = tf.math.mul(tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true)),
                tf.constant((float) (1.0 / Math.sqrt(config.headSize()))));                      // [B, heads, L, L]
        Operand<TFloat32> probabilities = dropout.apply(tf.nn.softmax(tf.math.add(scores, maskBias)), training);
        Operand<TFloat32> context = tf.train.batchMatMul(probabilities, v, TFloat32.class);       // [B, heads, L, d]
        Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(context, tf.constant(new int[] {0, 2, 1, 3})),
                tf.constant(new int[] {-1, config.hidden()}));
        Operand<TFloat32> attended = layerNorm(tf.math.add(
                dropout.apply(dense(merged, prefix + "attention.output.dense"), training), x), prefix + "attention.output.LayerNorm");
        Operand<TFloat32> intermediate = gelu(dense(attended, prefix + "intermediate.dense"));
        return layerNorm(tf.math.add(dropout.apply(dense(intermediate, prefix + "output.dense"), training), attended),
                prefix + "output.LayerNorm");
    }

    /** [B*L, H] to [B, heads, L, headSize]. */
    private Operand<TFloat32> heads(Operand<TFloat32> x, Operand<TInt32> batchAndLength) {
        Operand<TFloat32> split = tf.reshape(x, tf.concat(List.of(batchAndLength,
                tf.constant(new int[] {config.heads(), config.headSize()})), tf.constant(0)));
        return tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, String name) {
        return tf.math.add(tf.linalg.matMul(x, params.get(name + ".weight")), params.get(name + ".bias"));
    }

    /** LayerNorm over the last axis of [N, H], with BERT's epsilon. */
    Operand<TFloat32> layerNorm(Operand<TFloat32> x, String name) {
        Operand<TFloat32> mean = tf.math.mean(x, tf.constant(-1), Mean.keepDims(true));
        Operand<TFloat32> centered = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), tf.constant(-1), Mean.keepDims(true));
        Operand<TFloat32> normalized = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(BertConfig.LAYER_NORM_EPSILON))));
        return tf.math.add(tf.math.mul(normalized, params.get(name + ".weight")), params.get(name + ".bias"));
    }

    /** GELU in BERT's exact form, x · Φ(x) = x/2 · (1 + erf(x/√2)). */
    Operand<TFloat32> gelu(Operand<TFloat32> x) {
        Operand<TFloat32> cdf = tf.math.mul(tf.constant(0.5f),
                tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
        return tf.math.mul(x, cdf);
    }
}
