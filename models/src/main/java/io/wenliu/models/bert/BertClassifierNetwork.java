package io.wenliu.models.bert;

import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.SeededDropout;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A binary text classifier on the BERT encoder, as BERT is fine-tuned for sentence classification:
 * dropout on the [CLS] vector, then one dense unit whose output is the positive-class logit (the
 * output the sentiment artifacts serve). Not thread-safe; used while a graph is being built.
 */
public final class BertClassifierNetwork {
    public static final String HEAD_WEIGHT = "classifier.weight";
    public static final String HEAD_BIAS = "classifier.bias";

    private final Ops tf;
    private final BertEncoder encoder;
    private final ParameterSource params;
    private final SeededDropout dropout;

    public BertClassifierNetwork(Ops tf, BertConfig config, ParameterSource params, SeededDropout dropout) {
        this.tf = tf;
        this.encoder = new BertEncoder(tf, config, params, dropout);
        this.params = params;
        this.dropout = dropout;
        params.declare(HEAD_WEIGHT, config.hidden(), 1);
        params.declare(HEAD_BIAS, 1);
    }

    /** The positive-class logit of each sequence, shape [batch]. */
    public Operand<TFloat32> logits(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> cls = dropout.apply(encoder.pooled(encoder.encode(tokenIds, training)), training);
        Operand<TFloat32> logit = tf.math.add(tf.linalg.matMul(cls, params.get(HEAD_WEIGHT)), params.get(HEAD_BIAS));
        return tf.reshape(logit, tf.constant(new int[] {-1}));
    }

    /**
     * Mean sigmoid cross-entropy of {@code logits} against 0/1 {@code labels}, in the form that cannot
     * overflow: max(x, 0) − x·z + log(1 + e^−|x|).
     */
    public Operand<TFloat32> loss(Operand<TFloat32> logits, Operand<TFloat32> labels) {
        Operand<TFloat32> perSequence = tf.math.add(tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, labels)),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
        return tf.math.mean(perSequence, tf.constant(0));
    }
}
