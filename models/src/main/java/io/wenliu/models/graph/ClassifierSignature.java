package io.wenliu.models.graph;

import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sentiment serving signature ({@code serving_default}): {@value #INPUT_TOKEN_IDS} int32 [batch, length] in;
 * {@value #OUTPUT_LOGIT} float32 [batch] and {@value #OUTPUT_POSITIVE_PROBABILITY} float32 [batch] out, over a
 * one-logit network's logits. Shared by every sentiment artifact: the from-scratch classifier's and the fine-tuned
 * BERT teacher's. The graph ops carry the same names. Stateless.
 */
public final class ClassifierSignature {
    public static final String INPUT_TOKEN_IDS = "token_ids";
    public static final String OUTPUT_LOGIT = "logit";
    public static final String OUTPUT_POSITIVE_PROBABILITY = "positive_probability";

    private ClassifierSignature() {
    }

    /** Builds the signature in {@code tf}'s graph over the logits a network computes of the token ids. */
    public static Signature signature(Ops tf, Function<Operand<TInt32>, Operand<TFloat32>> logits) {
        Placeholder<TInt32> ids = tf.withName(INPUT_TOKEN_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        Operand<TFloat32> logit = tf.withName(OUTPUT_LOGIT).identity(logits.apply(ids));
        return Signature.builder().key(Signature.DEFAULT_KEY)
                .input(INPUT_TOKEN_IDS, ids)
                .output(OUTPUT_LOGIT, logit)
                .output(OUTPUT_POSITIVE_PROBABILITY, tf.withName(OUTPUT_POSITIVE_PROBABILITY).math.sigmoid(logit))
                .build();
    }
}
