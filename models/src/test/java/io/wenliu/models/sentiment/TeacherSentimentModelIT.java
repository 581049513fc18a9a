package io.wenliu.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.bert.BertClassifierNetwork;
import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertEncoder;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.bert.PretrainedParameters;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.graph.SeededDropout;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.train.bert.BertClassifierExporter;
import io.wenliu.models.train.bert.TeacherArtifact;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * A teacher sentiment artifact (bge-small-zh's encoder, a random head, stored as a fine-tuned artifact
 * is) served through DJL: the SavedModel is materialized from the Maven weights and the artifact's
 * half-precision ones, and scores what the TF-Java graph over the same weights scores.
 */
class TeacherSentimentModelIT {
    private static final List<String> TEXTS = List.of("房间很干净，服务热情，早餐丰富。", "屏幕有坏点，客服态度恶劣！", "");

    @Test
    void shouldServeATeacherArtifactAsTheGraphComputesIt(@TempDir Path dir) throws Exception {
        BertWeights bge = BertWeights.bgeSmallZh();
        BertConfig config = bge.config(BertConfig.BGE_SMALL_ZH_HEADS);
        Map<String, float[]> fineTuned = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : bge.names()) {
            if (!name.equals(BertEncoder.WORD_EMBEDDINGS)) {
                fineTuned.put(name, bge.get(name).values());
                shapes.put(name, bge.get(name).dims());
            }
        }
        Random random = new Random(4);
        float[] head = new float[config.hidden()];
        for (int i = 0; i < head.length; i++) {
            head[i] = (float) random.nextGaussian() * 0.2f;
        }
        fineTuned.put(BertClassifierNetwork.HEAD_WEIGHT, head);
        shapes.put(BertClassifierNetwork.HEAD_WEIGHT, new long[] {config.hidden(), 1});
        fineTuned.put(BertClassifierNetwork.HEAD_BIAS, new float[] {0.1f});
        shapes.put(BertClassifierNetwork.HEAD_BIAS, new long[] {1});
        Path artifact = dir.resolve("teacher/sentiment/1");
        BertClassifierExporter.write(artifact, fineTuned, shapes, new TeacherArtifact.Description(
                "sentiment-bge-small-zh-test", SentimentModel.MODEL, "1", Map.of(), Map.of(), Map.of(), "test"));
        System.setProperty(TeacherSavedModel.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());

        float[] expected = graphProbabilities(bge, config, artifact);
        try (SentimentModel model = SentimentModel.open(artifact, new ModelSettings(dir.resolve("teacher"), "cpu", null, 2))) {
            List<SentimentPrediction> predictions = model.classify(TEXTS);
            assertThat(model.artifact().name()).isEqualTo("sentiment-bge-small-zh-test");
            for (int i = 0; i < 2; i++) {
                assertThat(predictions.get(i).positiveProbability()).isCloseTo(expected[i], within(1e-4f));
            }
            assertThat(predictions.get(2).positiveProbability()).isEqualTo(0.5f);
        } finally {
            System.clearProperty(TeacherSavedModel.CACHE_DIR_PROPERTY);
        }
    }

    /** The sigmoid of the graph's logit over the artifact's (half-precision) weights, one text at a time. */
    private static float[] graphProbabilities(BertWeights bge, BertConfig config, Path artifact) throws Exception {
        Map<String, OnnxGraph.Tensor> merged = new LinkedHashMap<>();
        bge.names().forEach(name -> merged.put(name, bge.get(name)));
        merged.putAll(HalfPrecisionWeights.read(artifact.resolve(TeacherSavedModel.WEIGHTS)));
        BertWeights weights = new BertWeights(merged);
        float[] probabilities = new float[2];
        try (BertTokenizer tokenizer = BertTokenizer.bgeSmallZh(); Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            BertClassifierNetwork network = new BertClassifierNetwork(tf, config,
                    new PretrainedParameters(tf, weights, Set.copyOf(weights.names()), null), new SeededDropout(tf, 0f, 0L));
            Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Operand<TFloat32> logits = network.logits(ids, false);
            for (int i = 0; i < 2; i++) {
                int[] tokens = tokenizer.withSpecialTokens(tokenizer.tokenize(TEXTS.get(i)));
                try (TInt32 idsT = TInt32.tensorOf(Shape.of(1, tokens.length), DataBuffers.of(tokens, true, false));
                     Result result = session.runner().feed(ids, idsT).fetch(logits).run()) {
                    probabilities[i] = (float) SentimentPrediction.sigmoid(((TFloat32) result.get(0)).getFloat(0));
                }
            }
        }
        return probabilities;
    }
}
