package io.wenliu.models.train.encoder;

import io.wenliu.models.graph.RestoredParameters;
import io.wenliu.models.similarity.SentenceTokenizer;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs a {@link TrainedEncoder} in a dropout-free TF-Java graph of its own: for evaluation right
 * after training and for export. Owns its graph and session; {@link #close()} frees them.
 * Not thread-safe.
 */
public final class SessionSentenceEncoder implements AutoCloseable {
    static final String INPUT_TOKEN_IDS = "token_ids";
    static final String OUTPUT_EMBEDDINGS = "embeddings";
    private static final int BATCH = 256;

    private final Graph graph = new Graph();
    private final Session session = new Session(graph);
    private final Placeholder<TInt32> ids;
    private final Operand<TFloat32> embeddings;
    private final SentenceTokenizer tokenizer;
    private final int dimension;

    public SessionSentenceEncoder(TrainedEncoder model) {
        Ops tf = Ops.create(graph);
        RestoredParameters params = new RestoredParameters(tf);
        EncoderNetwork network = new EncoderNetwork(tf, model.hyperParameters(), model.vocabulary().size(), params);
        ids = tf.withName(INPUT_TOKEN_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        embeddings = tf.withName(OUTPUT_EMBEDDINGS).identity(network.encode(ids, false));
        params.assign(session, name -> model.weights().containsKey(name) ? model.weights().get(name).values() : null);
        tokenizer = new SentenceTokenizer(model.vocabulary(), model.hyperParameters().maxLength());
        dimension = model.hyperParameters().dimension();
    }

    Session session() {
        return session;
    }

    Placeholder<TInt32> input() {
        return ids;
    }

    Operand<TFloat32> output() {
        return embeddings;
    }

    /** L2-normalised embeddings of {@code texts}, in order. */
    public float[][] encode(List<String> texts) {
        return encode(session, ids, embeddings, tokenizer, dimension, texts);
    }

    /** Encodes in batches of similar length through any graph with this encoder's input and output. */
    static float[][] encode(Session session, Placeholder<TInt32> ids, Operand<TFloat32> embeddings,
                            SentenceTokenizer tokenizer, int dimension, List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            int[] width = new int[1];
            int[] matrix = tokenizer.paddedIds(batch, width);
            try (TInt32 input = TInt32.tensorOf(Shape.of(batch.size(), width[0]), DataBuffers.of(matrix, true, false));
                 Result result = session.runner().feed(ids, input).fetch(embeddings).run()) {
                TFloat32 values = (TFloat32) result.get(0);
                float[] flat = new float[batch.size() * dimension];
                values.copyTo(DataBuffers.of(flat, false, false));
                for (int i = 0; i < batch.size(); i++) {
                    out[from + i] = java.util.Arrays.copyOfRange(flat, i * dimension, (i + 1) * dimension);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
