package io.wenliu.models.train.bert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.bert.BertClassifierNetwork;
import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.bert.PretrainedParameters;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.graph.ClassifierSignature;
import io.wenliu.models.graph.SeededDropout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A teacher artifact stores only the fine-tuned weights (half precision), and the SavedModel made from
 * it and the pre-trained weights computes the fine-tuned network's logits.
 */
class BertClassifierExporterTest {
    private static final BertConfig TINY = new BertConfig(21128, 16, 2, 2, 32, 64, 2);
    private static final int[] IDS = {101, 2769, 4263, 102, 0, 101, 1962, 2523, 4638, 102};

    @Test
    void shouldServeTheFineTunedLogitsFromHalfPrecisionWeightsAndThePretrainedOnes(@TempDir Path dir) throws IOException {
        BertWeights pretrained = TinyBert.randomWeights(TINY, new Random(5));
        Random random = new Random(9);
        Map<String, float[]> fineTuned = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : pretrained.names()) {
            if (!name.equals("embeddings.word_embeddings.weight")) {
                float[] values = pretrained.get(name).values().clone();
                for (int i = 0; i < values.length; i++) {
                    values[i] += (float) (random.nextGaussian() * 0.05);
                }
                fineTuned.put(name, values);
                shapes.put(name, pretrained.get(name).dims());
            }
        }
        fineTuned.put(BertClassifierNetwork.HEAD_WEIGHT, gaussians(random, TINY.hidden()));
        shapes.put(BertClassifierNetwork.HEAD_WEIGHT, new long[] {TINY.hidden(), 1});
        fineTuned.put(BertClassifierNetwork.HEAD_BIAS, new float[] {0.3f});
        shapes.put(BertClassifierNetwork.HEAD_BIAS, new long[] {1});
        Path artifact = dir.resolve("sentiment/1");
        BertClassifierExporter.write(artifact, fineTuned, shapes, new TeacherArtifact.Description("sentiment-bge-test",
                "sentiment", "1", Map.of(), Map.of(), Map.of(), "test"));

        TeacherSavedModel.export(artifact, pretrained, TINY, dir.resolve("saved_model"));

        assertThat(Files.size(artifact.resolve(BertClassifierExporter.WEIGHTS))).isLessThan(200_000); // no word embeddings
        float[] expected = logitsOf(pretrained, fineTuned, shapes);
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.resolve("saved_model").toString(), "serve");
             TInt32 ids = TInt32.tensorOf(Shape.of(2, 5), DataBuffers.of(IDS, true, false));
             Result result = bundle.call(Map.of(ClassifierSignature.INPUT_TOKEN_IDS, ids))) {
            TFloat32 logits = (TFloat32) result.get(ClassifierSignature.OUTPUT_LOGIT).orElseThrow();
            assertThat(logits.getFloat(0)).isCloseTo(expected[0], Offset.offset(0.01f));
            assertThat(logits.getFloat(1)).isCloseTo(expected[1], Offset.offset(0.01f));
        }
    }

    private static float[] gaussians(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** The fine-tuned network's logits in float32, straight from the weights. */
    private static float[] logitsOf(BertWeights pretrained, Map<String, float[]> fineTuned, Map<String, long[]> shapes) {
        Map<String, OnnxGraph.Tensor> merged = new LinkedHashMap<>();
        for (String name : pretrained.names()) {
            merged.put(name, pretrained.get(name));
        }
        fineTuned.forEach((name, values) -> merged.put(name, new OnnxGraph.Tensor(name, shapes.get(name), values)));
        BertWeights weights = new BertWeights(merged);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            BertClassifierNetwork network = new BertClassifierNetwork(tf, TINY,
                    new PretrainedParameters(tf, weights, Set.copyOf(weights.names()), null), new SeededDropout(tf, 0f, 0L));
            Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            var logits = network.logits(ids, false);
            try (TInt32 idsT = TInt32.tensorOf(Shape.of(2, 5), DataBuffers.of(IDS, true, false));
                 Result result = session.runner().feed(ids, idsT).fetch(logits).run()) {
                TFloat32 out = (TFloat32) result.get(0);
                return new float[] {out.getFloat(0), out.getFloat(1)};
            }
        }
    }
}
