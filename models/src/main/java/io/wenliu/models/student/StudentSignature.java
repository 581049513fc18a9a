package io.wenliu.models.student;

import io.wenliu.models.graph.CrfHead;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The student's serving signature ({@code serving_default}): {@code token_ids} int32 [batch, length] (ids of
 * the shared vocabulary, 0 = padding) in; out, from one pass of the body, every head's output:
 * {@code <head>_emissions} float32 [batch, length, tags] and {@code <head>_transitions} float32 [tags, tags]
 * for segmentation, pos and ner, {@code sentiment_logit} float32 [batch] and {@code embedding} float32
 * [batch, dimension] (L2-normalised). The graph ops carry the same names, so a loaded SavedModel's graph
 * can be read by name too. A caller fetching only some outputs pays only for those heads (TensorFlow runs
 * only what the fetched outputs need). Stateless.
 */
public final class StudentSignature {
    public static final String INPUT_TOKEN_IDS = "token_ids";
    public static final String OUTPUT_SENTIMENT_LOGIT = "sentiment_logit";
    public static final String OUTPUT_EMBEDDING = "embedding";

    private StudentSignature() {
    }

    /** Builds the dropout-free serving branch of {@code network} in {@code tf}'s graph and returns its signature. */
    public static Signature build(Ops tf, StudentNetwork network) {
        Placeholder<TInt32> ids = tf.withName(INPUT_TOKEN_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        StudentNetwork.Encoded encoded = network.encode(ids, false);
        Signature.Builder signature = Signature.builder().key(Signature.DEFAULT_KEY).input(INPUT_TOKEN_IDS, ids);
        for (TaggingHead head : TaggingHead.values()) {
            CrfHead crf = network.tagger(head);
            signature.output(head.emissionsOutput(), named(tf, head.emissionsOutput(), network.emissions(head, encoded)));
            signature.output(head.transitionsOutput(), named(tf, head.transitionsOutput(), crf.transitions()));
        }
        Operand<TFloat32> pooled = network.pooled(encoded);
        signature.output(OUTPUT_SENTIMENT_LOGIT, named(tf, OUTPUT_SENTIMENT_LOGIT, network.sentimentLogit(pooled, false)));
        signature.output(OUTPUT_EMBEDDING, named(tf, OUTPUT_EMBEDDING, network.embedding(encoded, pooled, false)));
        return signature.build();
    }

    private static Operand<TFloat32> named(Ops tf, String name, Operand<TFloat32> value) {
        return tf.withName(name).identity(value);
    }
}
