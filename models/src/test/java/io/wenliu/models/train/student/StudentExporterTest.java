package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.TensorFlowRuntime;
import io.wenliu.models.train.FedParameters;
import io.wenliu.models.train.SavedModelExporter;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * The exported student artifact: its files in the artifact layout, and its SavedModel loaded through DJL's
 * TensorFlow engine, which returns every head's output from one predictor call, equal to what the network's
 * training-side graph computes from the same weights.
 */
class StudentExporterTest {
    private static final StudentHyperParameters HP = new StudentHyperParameters(8, 32, 4, List.of(1, 2), 3, 0.1f, 6, 10f, 0.2f,
            1e-3f, 0.1f, 4, 1, List.of(8), 8, 1, 5L, 100);
    private static final int[][] IDS = {{2, 3, 4, 5, 6, 7}, {3, 1, 2, 0, 0, 0}, {9, 0, 0, 0, 0, 0}};

    @Test
    void shouldReturnEveryHeadsOutputFromOneDjlCall(@TempDir Path dir) throws Exception {
        CharVocabulary vocabulary = TinyStudentCorpora.corpora().vocabulary(1);
        Map<String, float[]> expected = new LinkedHashMap<>();
        Map<String, float[]> weights;
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Random random = new Random(11);
            FedParameters params = new FedParameters(tf, () -> random.nextGaussian() * 0.3);
            Signature signature = StudentSignature.build(tf, new StudentNetwork(tf, HP, vocabulary.size(), params));
            weights = params.values();
            for (String output : signature.outputNames()) {
                expected.put(output, run(session, params, output));
            }
        }
        Path artifact = dir.resolve("student/1");
        StudentExporter.export(weights, HP, vocabulary, new LinkedHashMap<>(Map.of("version", "1")), "# card\n", artifact);

        assertThat(artifact.resolve(ModelArtifact.MANIFEST)).exists();
        assertThat(CharVocabulary.load(artifact).size()).isEqualTo(vocabulary.size());
        for (TaggingHead head : TaggingHead.values()) {
            assertThat(LabelSet.load(artifact.resolve(head.prefix())).labels()).isEqualTo(head.task().labels().labels());
        }
        assertThat(Files.readString(artifact.resolve(ModelArtifact.MANIFEST))).contains("\"saved_model/saved_model.pb\"",
                "\"ner/labels.txt\"", "\"task\" : \"student\"");

        TensorFlowRuntime.engine();
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optEngine(TensorFlowRuntime.ENGINE).optModelPath(artifact.resolve(SavedModelExporter.SAVED_MODEL_DIR))
                .optTranslator(new NoopTranslator()).build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
             Predictor<NDList, NDList> predictor = model.newPredictor();
             NDManager manager = NDManager.newBaseManager(TensorFlowRuntime.ENGINE)) {
            NDArray ids = manager.create(flat(), new ai.djl.ndarray.types.Shape(IDS.length, IDS[0].length));
            ids.setName(StudentSignature.INPUT_TOKEN_IDS);
            NDList outputs = predictor.predict(new NDList(ids));

            assertThat(outputs.stream().map(NDArray::getName).toList()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((name, values) ->
                    assertThat(outputs.get(name).toFloatArray()).as(name).containsExactly(values, Offset.offset(1e-4f)));
        }
    }

    private static int[] flat() {
        int[] flat = new int[IDS.length * IDS[0].length];
        for (int i = 0; i < IDS.length; i++) {
            System.arraycopy(IDS[i], 0, flat, i * IDS[0].length, IDS[0].length);
        }
        return flat;
    }

    private static float[] run(Session session, FedParameters params, String output) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try (TInt32 ids = TInt32.tensorOf(Shape.of(IDS.length, IDS[0].length), DataBuffers.of(flat(), true, false))) {
            runner.feed(StudentSignature.INPUT_TOKEN_IDS, ids);
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
}
