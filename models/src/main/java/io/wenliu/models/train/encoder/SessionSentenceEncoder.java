package io.wenliu.models.train.encoder;

import io.wenliu.models.similarity.SentenceTokenizer;
import io.wenliu.models.train.ParameterSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
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
        params.assign(session, model.weights());
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

    /** Uninitialised variables that are assigned the trained values. */
    static final class RestoredParameters implements ParameterSource {
        private final Ops tf;
        private final Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
        private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
        private final Map<String, Assign<TFloat32>> assigns = new LinkedHashMap<>();

        RestoredParameters(Ops tf) {
            this.tf = tf;
        }

        @Override
        public void declare(String name, long... shape) {
            Variable<TFloat32> variable = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
            Placeholder<TFloat32> feed = tf.withName(name + "_value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
            variables.put(name, variable);
            feeds.put(name, feed);
            assigns.put(name, tf.withName(name + "_assign").assign(variable, feed));
        }

        @Override
        public Operand<TFloat32> get(String name) {
            return variables.get(name);
        }

        void assign(Session session, Map<String, TrainedEncoder.Tensor> weights) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, Assign<TFloat32>> e : assigns.entrySet()) {
                TrainedEncoder.Tensor w = weights.get(e.getKey());
                if (w == null) {
                    missing.add(e.getKey());
                    continue;
                }
                try (TFloat32 value = TFloat32.tensorOf(Shape.of(w.shape()), DataBuffers.of(w.values(), true, false))) {
                    session.runner().feed(feeds.get(e.getKey()), value).addTarget(e.getValue()).run();
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("The trained encoder has no weights for " + missing);
            }
        }
    }
}
