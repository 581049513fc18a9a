package io.wenliu.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.runtime.ModelArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** DJL serving of a real tagger artifact: parity with TF-Java, bucketing, predictor reuse. */
class TaggerModelIT {
    private static final Path MODELS = Path.of(System.getProperty("wenliu.models.dir", "artifacts"));

    @Test
    void shouldScoreLikeTheUnpaddedTensorFlowSessionWhateverTheBucketAndBatch() throws Exception {
        ModelArtifact artifact = ModelArtifact.load(ModelArtifact.latestVersion(MODELS, "segmenter").orElseThrow());
        Random random = new Random(5);
        List<int[]> sequences = new ArrayList<>();
        for (int length : new int[] {1, 5, 16, 17, 40, 100, 3, 250}) {
            sequences.add(random.ints(length, 2, artifact.vocabulary().size()).toArray());
        }
        try (TaggerModel model = TaggerModel.load(artifact, "cpu", 3);
             SavedModelBundle bundle = SavedModelBundle.load(artifact.savedModel().toString(), "serve")) {
            List<SequenceScores> scores = model.score(sequences);

            for (int i = 0; i < sequences.size(); i++) {
                int[] ids = sequences.get(i);
                float[] expected = exactWidthEmissions(bundle, ids, model.tags());
                SequenceScores actual = scores.get(i);
                assertThat(actual.length()).isEqualTo(ids.length);
                for (int j = 0; j < expected.length; j++) {
                    assertThat(actual.emissions()[actual.offset() + j]).isCloseTo(expected[j], within(1e-4f));
                }
            }
            assertThat(model.bucketLengths()).startsWith(8, 16, 24, 32);
            assertThat(model.maxLength()).isLessThanOrEqualTo(artifact.maxLength());
        }
    }

    @Test
    void shouldReuseOnePredictorForSequentialCalls() throws Exception {
        ModelArtifact artifact = ModelArtifact.load(ModelArtifact.latestVersion(MODELS, "segmenter").orElseThrow());
        try (TaggerModel model = TaggerModel.load(artifact, "cpu", 8)) {
            for (int i = 0; i < 5; i++) {
                model.score(List.of(new int[] {2, 3, 4}, new int[] {5}));
            }
            assertThat(model.score(List.of(new int[0])).get(0).length()).isZero();
            assertThat(model.idlePredictors()).isEqualTo(1);
        }
    }

    private static float[] exactWidthEmissions(SavedModelBundle bundle, int[] ids, int tags) {
        try (TInt32 input = TInt32.tensorOf(Shape.of(1, ids.length), DataBuffers.of(ids, true, false));
             Result result = bundle.session().runner().feed(EmissionsTranslator.INPUT_TOKEN_IDS, input)
                     .fetch(EmissionsTranslator.OUTPUT_EMISSIONS).run()) {
            TFloat32 emissions = (TFloat32) result.get(0);
            float[] out = new float[ids.length * tags];
            FloatDataBuffer buffer = DataBuffers.of(out, false, false);
            emissions.copyTo(buffer);
            return out;
        }
    }
}
