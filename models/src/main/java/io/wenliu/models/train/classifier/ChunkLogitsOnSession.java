package io.wenliu.models.train.classifier;

import io.wenliu.models.graph.ClassifierSignature;
import io.wenliu.models.train.FloatTensors;
import io.wenliu.models.sentiment.ChunkLogits;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The network call of a {@link io.wenliu.models.sentiment.SentimentClassifier} on a TF-Java
 * session: the trainer's dropout-free branch, or an exported SavedModel loaded back (to score
 * every dev set through the artifact itself). Borrows the session; not thread-safe.
 */
public final class ChunkLogitsOnSession implements ChunkLogits {
    private final Session session;
    private final Operand<TInt32> ids;
    private final Operand<TFloat32> logits;

    ChunkLogitsOnSession(Session session, Operand<TInt32> ids, Operand<TFloat32> logits) {
        this.session = session;
        this.ids = ids;
        this.logits = logits;
    }

    /** The network call of an exported artifact's {@code saved_model/} loaded with TF-Java. */
    @SuppressWarnings("unchecked")
    public static ChunkLogitsOnSession of(SavedModelBundle bundle) {
        var graph = bundle.graph();
        return new ChunkLogitsOnSession(bundle.session(),
                (Operand<TInt32>) graph.outputOrThrow(ClassifierSignature.INPUT_TOKEN_IDS),
                (Operand<TFloat32>) graph.outputOrThrow(ClassifierSignature.OUTPUT_LOGIT));
    }

    @Override
    public float[] logits(int[] tokenIds, int batch, int length) {
        try (TInt32 input = TInt32.tensorOf(Shape.of(batch, length), DataBuffers.of(tokenIds, true, false));
             Result result = session.runner().feed(ids, input).fetch(logits).run()) {
            return FloatTensors.values((TFloat32) result.get(0));
        }
    }
}
