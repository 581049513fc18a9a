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
import io.wenliu.models.student.StudentSavedModel;
import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported student artifact: its files in the artifact layout, and its SavedModel loaded through DJL's
 * TensorFlow engine, which returns every head's output from one predictor call, equal to what the network's
 * training-side graph computes from the same weights.
 */
class StudentExporterTest {
    private static final int[][] IDS = {{2, 3, 4, 5, 6, 7}, {3, 1, 2, 0, 0, 0}, {9, 0, 0, 0, 0, 0}};

    @Test
    void shouldReturnEveryHeadsOutputFromOneDjlCall(@TempDir Path dir) throws Exception {
        Path artifact;
        Map<String, float[]> expected;
        CharVocabulary vocabulary;
        try (TinyStudent student = new TinyStudent()) {
            vocabulary = student.vocabulary();
            expected = student.run(IDS);
            artifact = student.export(dir.resolve("student/1"), Map.of("version", "1"));
        }

        assertThat(artifact.resolve(ModelArtifact.MANIFEST)).exists();
        assertThat(artifact.resolve(ModelArtifact.SAVED_MODEL)).as("stored in half precision only").doesNotExist();
        assertThat(CharVocabulary.load(artifact).size()).isEqualTo(vocabulary.size());
        for (TaggingHead head : TaggingHead.values()) {
            assertThat(LabelSet.load(artifact.resolve(head.prefix())).labels()).isEqualTo(head.labels().labels());
        }
        assertThat(Files.readString(artifact.resolve(ModelArtifact.MANIFEST))).contains("\"weights.f16\"",
                "\"ner/labels.txt\"", "\"task\" : \"student\"", "\"maxLength\" : 16");

        TensorFlowRuntime.engine();
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optEngine(TensorFlowRuntime.ENGINE).optModelPath(StudentSavedModel.of(artifact))
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
}
