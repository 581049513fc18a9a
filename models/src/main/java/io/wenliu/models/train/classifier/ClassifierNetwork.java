package io.wenliu.models.train.classifier;

import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.SeededDropout;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A binary text classifier over characters as TF-Java graph ops: a dilated gated CNN encoder (after
 * Su Jianlin's DGCNN, kexue.fm/archives/5409) with attention pooling and max pooling.
 *
 * <ol>
 *   <li>the shared {@link CharacterEncoder}: character and hashed bigram embeddings, residual gated
 *       dilated blocks;</li>
 *   <li>attention pooling {@code Σ_t α_t h_t} with {@code α = softmax_t(v · tanh(W h_t + b))} over
 *       real characters only, concatenated with the masked max over time;</li>
 *   <li>a dense layer to one logit, the log-odds that the text is positive; trained with the
 *       logistic (binary cross-entropy) loss.</li>
 * </ol>
 *
 * <p>Padding never changes a text's logit: every layer masks it. The same code builds the training
 * graph (with dropout) and the serving graph. Every op has a gradient check in
 * {@code ClassifierNetworkGradientTest}. Not thread-safe; used while a graph is being built.
 */
public final class ClassifierNetwork {
    public static final String ATTENTION_KERNEL = "attention_kernel";
    public static final String ATTENTION_BIAS = "attention_bias";
    public static final String ATTENTION_VECTOR = "attention_vector";
    public static final String OUTPUT_KERNEL = "output_kernel";
    public static final String OUTPUT_BIAS = "output_bias";
    /** Added to scores at padding so that softmax and max ignore it. */
    private static final float PADDING_PENALTY = 1e4f;

    private final Ops tf;
    private final ClassifierHyperParameters hp;
    private final ParameterSource params;
    private final SeededDropout dropout;
    private final CharacterEncoder characters;

    /**
     * @param params where the weights come from: fresh variables while training, restored ones when
     *               exporting
     */
    public ClassifierNetwork(Ops tf, ClassifierHyperParameters hp, int vocabularySize, ParameterSource params) {
        this.tf = tf;
        this.hp = hp;
        this.params = params;
        this.dropout = new SeededDropout(tf, hp.dropout(), hp.seed());
        int c = hp.channels();
        CharacterEncoder.Settings settings = new CharacterEncoder.Settings(hp.bigramBuckets() > 0 ? c - hp.bigramDim() : c,
                hp.bigramBuckets(), hp.bigramDim(), hp.dilations(), hp.kernelSize());
        this.characters = new CharacterEncoder(tf, settings, vocabularySize, params, dropout);
        params.declare(ATTENTION_KERNEL, c, hp.attentionDim());
        params.declare(ATTENTION_BIAS, hp.attentionDim());
        params.declare(ATTENTION_VECTOR, hp.attentionDim(), 1);
        params.declare(OUTPUT_KERNEL, 2L * c, 1);
        params.declare(OUTPUT_BIAS, 1);
    }

    /** 1.0 at real characters, 0.0 at padding; shape [batch, length]. */
    public Operand<TFloat32> mask(Operand<TInt32> tokenIds) {
        return characters.mask(tokenIds);
    }

    /** The positive-class logit of each text, shape [batch]; {@code training} adds dropout. */
    public Operand<TFloat32> logits(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> mask = mask(tokenIds);
        Operand<TFloat32> features = dropout.apply(pool(encode(tokenIds, mask, training), mask), training);
        Operand<TFloat32> logit = tf.math.add(tf.linalg.matMul(features, params.get(OUTPUT_KERNEL)), params.get(OUTPUT_BIAS));
        return tf.reshape(logit, tf.constant(new int[] {-1}));
    }

    /** Mean logistic loss of {@code logits} against 0/1 {@code labels}: softplus(z) − y·z, computed stably. */
    public Operand<TFloat32> loss(Operand<TFloat32> logits, Operand<TFloat32> labels) {
        return logisticLoss(tf, logits, labels);
    }

    /** Mean logistic loss of {@code logits} against 0/1 {@code labels}; shared by every one-logit classifier head. */
    public static Operand<TFloat32> logisticLoss(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> labels) {
        // softplus(z) = max(z, 0) + log(1 + exp(-|z|)) never overflows
        Operand<TFloat32> softplus = tf.math.add(tf.nn.relu(logits),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
        return tf.math.mean(tf.math.sub(softplus, tf.math.mul(labels, logits)), tf.constant(0));
    }

    /** Character states after the convolution blocks, [batch, length, channels], zero at padding. */
    Operand<TFloat32> encode(Operand<TInt32> tokenIds, Operand<TFloat32> mask, boolean training) {
        Operand<TFloat32> mask3 = tf.expandDims(mask, tf.constant(-1));
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        return characters.encode(tokenIds, mask3, batchAndLength, training);
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
}
