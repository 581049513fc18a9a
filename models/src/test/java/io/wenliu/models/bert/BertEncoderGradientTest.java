package io.wenliu.models.bert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.graph.SeededDropout;
import io.wenliu.models.train.FedParameters;
import io.wenliu.models.train.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Checks the C API's gradients of every op the BERT encoder uses (Softmax, BatchMatMulV3, Erf, Rsqrt,
 * Square, Transpose, Mean, Slice of the position table) against central finite differences on a tiny
 * encoder, and the forward pass of LayerNorm and GELU against plain Java.
 */
class BertEncoderGradientTest {
    private static final BertConfig TINY = new BertConfig(9, 8, 2, 2, 12, 8, 2);
    private static final int LENGTH = 5;
    // two sequences: one full, one padded (id 0) after three tokens
    private static final int[] IDS = {2, 5, 7, 3, 1, 2, 8, 4, 0, 0};

    private Graph graph;
    private Session session;
    private Ops tf;
    private FedParameters params;
    private BertEncoder encoder;
    private Placeholder<TInt32> ids;

    @BeforeEach
    void buildEncoder() {
        graph = new Graph();
        session = new Session(graph);
        tf = Ops.create(graph);
        Random random = new Random(11);
        params = new FedParameters(tf, () -> random.nextGaussian() * 0.5);
        encoder = new BertEncoder(tf, TINY, params, new SeededDropout(tf, 0f, 1L));
        ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, LENGTH)));
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    @Test
    void shouldMatchFiniteDifferencesForEveryParameterOfTheEncoder() {
        // a loss that weighs every output differently, so no gradient cancels by symmetry
        Operand<TFloat32> hidden = encoder.encode(ids, false);
        float[] weights = new float[2 * LENGTH * TINY.hidden()];
        Random random = new Random(3);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        Operand<TFloat32> loss = tf.sum(tf.math.mul(hidden, tf.constant(org.tensorflow.ndarray.NdArrays.wrap(
                Shape.of(2, LENGTH, TINY.hidden()), DataBuffers.of(weights, true, false)))), tf.constant(new int[] {0, 1, 2}));

        // the float32 loss is ~10, so a central difference at eps 5e-3 carries ~1e-4 of rounding noise, which varies
        // with how the CPU kernels split their sums; 3% of the 1e-2 floor leaves room for it
        GradientCheck.assertFiniteDifferencesMatch(graph, loss, params, this::fetch, 4, 5e-3f, 0.03);
    }

    @Test
    void shouldIgnoreWhatThePaddingHolds() {
        Operand<TFloat32> hidden = encoder.encode(ids, false);
        float[] before = fetch(hidden.asOutput());
        params.values().get(BertEncoder.WORD_EMBEDDINGS)[0] += 3f; // the [PAD] row feeds only padding positions

        float[] after = fetch(hidden.asOutput());
        int realOfSecond = 3 * TINY.hidden();
        for (int i = 0; i < realOfSecond; i++) {
            int at = LENGTH * TINY.hidden() + i;
            assertThat(after[at]).isCloseTo(before[at], Offset.offset(1e-5f));
        }
    }

    @Test
    void shouldNormalizeEachVectorToZeroMeanAndUnitVariance() {
        float[] x = {1f, 2f, 4f, 9f, -3f, 0f, 0f, 3f, 2f, 2f, 5f, 1f, -1f, -2f, 7f, 0.5f};
        float[] gamma = params.values().get("embeddings.LayerNorm.weight");
        float[] beta = params.values().get("embeddings.LayerNorm.bias");
        float[] out = fetch(encoder.layerNorm(tf.constant(org.tensorflow.ndarray.NdArrays.wrap(Shape.of(2, 8),
                DataBuffers.of(x, true, false))), "embeddings.LayerNorm").asOutput());
        for (int row = 0; row < 2; row++) {
            double mean = 0;
            double var = 0;
            for (int i = 0; i < 8; i++) {
                mean += x[row * 8 + i] / 8.0;
            }
            for (int i = 0; i < 8; i++) {
                var += Math.pow(x[row * 8 + i] - mean, 2) / 8.0;
            }
            for (int i = 0; i < 8; i++) {
                double expected = (x[row * 8 + i] - mean) / Math.sqrt(var + 1e-12) * gamma[i] + beta[i];
                assertThat((double) out[row * 8 + i]).isCloseTo(expected, Offset.offset(1e-4));
            }
        }
    }

    @Test
    void shouldComputeGeluWithTheErrorFunction() {
        float[] x = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f};
        // x·Φ(x) at these points (Φ the standard normal CDF)
        double[] expected = {-0.0040497, -0.1586553, -0.1542687, 0, 0.3457313, 0.8413447, 2.9959503};
        float[] out = fetch(encoder.gelu(tf.constant(x)).asOutput());
        for (int i = 0; i < x.length; i++) {
            assertThat((double) out[i]).isCloseTo(expected[i], Offset.offset(1e-5));
        }
    }

    private float[] fetch(Output<?> output) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(2, LENGTH), DataBuffers.of(IDS, true, false))) {
            runner.feed(ids, idsT);
            params.feed(runner, fed);
            try (Result r = runner.fetch(output).run()) {
                TFloat32 t = (TFloat32) r.get(0);
                float[] values = new float[Math.toIntExact(t.shape().size())];
                t.copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }
}
