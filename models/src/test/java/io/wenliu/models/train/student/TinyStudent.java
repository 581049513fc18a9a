package io.wenliu.models.train.student;

import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.train.FedParameters;
import io.wenliu.models.vocab.CharVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A tiny student with seeded random weights over the {@link TinyStudentCorpora} vocabulary: its TF-Java serving
 * graph, which computes what the exported SavedModel must compute, and its export as an artifact. Owns the graph
 * and session; close it. Test fixture.
 */
public final class TinyStudent implements AutoCloseable {
    /** Two blocks of 8 channels, a 6-dimensional embedding; trained (never) on texts of at most 16 characters. */
    static final StudentHyperParameters HP = new StudentHyperParameters(8, 32, 4, List.of(1, 2), 3, 0.1f, 6, 10f, 0.2f,
            1e-3f, 0.1f, 4, 1, List.of(16), 8, 1, 5L, 100);

    private final CharVocabulary vocabulary = TinyStudentCorpora.corpora().vocabulary(1);
    private final Graph graph = new Graph();
    private final Session session = new Session(graph);
    private final FedParameters params;
    private final Signature signature;

    public TinyStudent() {
        Ops tf = Ops.create(graph);
        Random random = new Random(11);
        // weights a half can hold exactly, so the artifact's half-precision copy computes the same outputs
        params = new FedParameters(tf, () -> HalfPrecisionWeights.toFloat(HalfPrecisionWeights.toHalf((float) (random.nextGaussian() * 0.3))));
        signature = StudentSignature.build(tf, new StudentNetwork(tf, HP, vocabulary.size(), params));
    }

    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The graph's outputs, by signature name. */
    public List<String> outputNames() {
        return new ArrayList<>(signature.outputNames());
    }

    /**
     * Exports the student to {@code dir} as {@link StudentExporter} does after training, with
     * {@code manifest} entries (e.g. the version and similarity threshold).
     */
    public Path export(Path dir, Map<String, Object> manifest) throws IOException {
        StudentExporter.export(params.values(), HP, vocabulary, new LinkedHashMap<>(manifest), "# tiny student\n", dir);
        return dir;
    }

    /** What the graph computes for a batch of equally long id rows (0 = padding), every output by name, flat. */
    public Map<String, float[]> run(int[][] ids) {
        Map<String, float[]> outputs = new LinkedHashMap<>();
        for (String output : signature.outputNames()) {
            outputs.put(output, run(ids, output));
        }
        return outputs;
    }

    private float[] run(int[][] ids, String output) {
        return fetch(session, params, ids, output);
    }

    /** What a student serving graph computes for a batch of equally long id rows, one output by name, flat. */
    static float[] fetch(Session session, FedParameters params, int[][] ids, String output) {
        int width = ids[0].length;
        int[] flat = new int[ids.length * width];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(ids[i], 0, flat, i * width, width);
        }
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try (TInt32 input = TInt32.tensorOf(Shape.of(ids.length, width), DataBuffers.of(flat, true, false))) {
            runner.feed(StudentSignature.INPUT_TOKEN_IDS, input);
            params.feed(runner, fed);
            try (Result result = runner.fetch(output).run()) {
                TFloat32 t = (TFloat32) result.get(0);
                float[] values = new float[Math.toIntExact(t.shape().size())];
                t.copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    @Override
    public void close() {
        try (graph) {
            session.close();
        }
    }
}
