package io.wenliu.models.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import io.wenliu.models.graph.SeededDropout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * The encoder built from the ONNX file's weights computes what ONNX Runtime computes from the same
 * file: the last hidden state of every real token, in one padded batch, and langchain4j's bge sentence
 * embedding (L2-normalised [CLS]), within 1e-4, on varied sentences (short and long, mixed script,
 * emoji, traditional characters, full-width forms, whitespace).
 */
class BertEncoderParityTest {
    private static final double TOLERANCE = 1e-4;
    private static List<String> sentences;
    private static BertTokenizer tokenizer;
    private static List<int[]> ids;
    private static float[][][] hidden; // [sentence][token][hidden], from our graph

    @BeforeAll
    static void encodeEverySentenceInOneBatch() throws IOException {
        sentences = new ArrayList<>(readSentences());
        sentences.add("长文本测试。".repeat(60) + "最后一句"); // 364 tokens
        tokenizer = BertTokenizer.bgeSmallZh();
        ids = sentences.stream().map(s -> tokenizer.withSpecialTokens(tokenizer.tokenize(s))).toList();
        BertWeights weights = BertWeights.bgeSmallZh();
        BertConfig config = weights.config(BertConfig.BGE_SMALL_ZH_HEADS);
        int length = ids.stream().mapToInt(a -> a.length).max().orElseThrow();
        int[] padded = new int[ids.size() * length];
        for (int i = 0; i < ids.size(); i++) {
            System.arraycopy(ids.get(i), 0, padded, i * length, ids.get(i).length);
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            BertEncoder encoder = new BertEncoder(tf, config,
                    new PretrainedParameters(tf, weights, Set.copyOf(weights.names()), null), new SeededDropout(tf, 0f, 1L));
            Placeholder<TInt32> input = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Operand<TFloat32> out = encoder.encode(input, false);
            try (TInt32 idsT = TInt32.tensorOf(Shape.of(ids.size(), length), DataBuffers.of(padded, true, false));
                 Result result = session.runner().feed(input, idsT).fetch(out).run()) {
                TFloat32 t = (TFloat32) result.get(0);
                hidden = new float[ids.size()][][];
                for (int i = 0; i < ids.size(); i++) {
                    hidden[i] = new float[ids.get(i).length][config.hidden()];
                    for (int token = 0; token < ids.get(i).length; token++) {
                        t.get(i, token).copyTo(DataBuffers.of(hidden[i][token], false, false));
                    }
                }
            }
        }
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    private static List<String> readSentences() throws IOException {
        try (InputStream in = Objects.requireNonNull(BertEncoderParityTest.class.getResourceAsStream("/bert/parity-sentences.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void shouldTestAtLeastFiftyVariedSentences() {
        assertThat(sentences).hasSizeGreaterThanOrEqualTo(50);
        assertThat(ids.stream().mapToInt(a -> a.length).max().orElseThrow()).isGreaterThan(300);
    }

    @Test
    void shouldComputeTheLastHiddenStateOnnxRuntimeComputes() throws IOException, OrtException {
        byte[] model;
        try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(BertWeights.BGE_SMALL_ZH_ONNX))) {
            model = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double worst = 0;
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
            for (int i = 0; i < ids.size(); i++) {
                float[][] reference = runOnnx(env, session, ids.get(i));
                for (int token = 0; token < reference.length; token++) {
                    for (int d = 0; d < reference[token].length; d++) {
                        worst = Math.max(worst, Math.abs(reference[token][d] - hidden[i][token][d]));
                    }
                }
            }
        }
        assertThat(worst).as("largest |difference| of the last hidden state").isLessThanOrEqualTo(TOLERANCE);
    }

    private static float[][] runOnnx(OrtEnvironment env, OrtSession session, int[] tokenIds) throws OrtException {
        long[][] input = new long[1][tokenIds.length];
        long[][] ones = new long[1][tokenIds.length];
        for (int t = 0; t < tokenIds.length; t++) {
            input[0][t] = tokenIds[t];
            ones[0][t] = 1;
        }
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try (OnnxTensor idsT = OnnxTensor.createTensor(env, input);
             OnnxTensor maskT = OnnxTensor.createTensor(env, ones);
             OnnxTensor typesT = OnnxTensor.createTensor(env, new long[1][tokenIds.length])) {
            feeds.put("input_ids", idsT);
            feeds.put("attention_mask", maskT);
            if (session.getInputNames().contains("token_type_ids")) {
                feeds.put("token_type_ids", typesT);
            }
            try (OrtSession.Result result = session.run(feeds)) {
                return ((float[][][]) result.get(0).getValue())[0];
            }
        }
    }

    @Test
    void shouldGiveTheSentenceEmbeddingsLangchain4jGives() {
        BgeSmallZhV15EmbeddingModel reference = new BgeSmallZhV15EmbeddingModel();
        double worst = 0;
        for (int i = 0; i < sentences.size(); i++) {
            float[] expected = reference.embed(sentences.get(i)).content().vector();
            float[] cls = hidden[i][0];
            double norm = 0;
            for (float v : cls) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < cls.length; d++) {
                worst = Math.max(worst, Math.abs(expected[d] - cls[d] / norm));
            }
        }
        assertThat(worst).as("largest |difference| of the normalised [CLS] embedding").isLessThanOrEqualTo(TOLERANCE);
    }
}
