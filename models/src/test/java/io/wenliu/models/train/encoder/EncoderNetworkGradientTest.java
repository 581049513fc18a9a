package io.wenliu.models.train.encoder;

import io.wenliu.models.train.FloatTensors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.wenliu.models.train.FedParameters;
import io.wenliu.models.train.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Checks the gradients TensorFlow's C API computes for the encoder and its two losses against
 * central finite differences (the API silently gets some wrong), and the forward pass against
 * plain Java: unit-length outputs, padding that changes nothing, the losses' formulas.
 */
class EncoderNetworkGradientTest {
    private static final int VOCAB = 9;
    private static final int LENGTH = 5;
    // three sentences per side; padding (id 0) after fewer characters in some
    private static final int[] FIRST = {2, 3, 4, 5, 6, 1, 3, 7, 0, 0, 8, 2, 0, 0, 0};
    private static final int[] SECOND = {2, 3, 4, 6, 0, 5, 3, 7, 1, 0, 6, 6, 2, 8, 4};
    private static final float[] PARAPHRASE = {1f, 0f, 1f};
    private static final float[] GRADES = {5f, 0f, 3f};

    private final EncoderHyperParameters hp = new EncoderHyperParameters(4, 3, 11, 2, List.of(1, 2), 3, 0f, LENGTH,
            3, 1e-3f, 5f, 0.2f, 1, 1L);
    private Graph graph;
    private Session session;
    private Ops tf;
    private FedParameters params;
    private EncoderNetwork network;

    @BeforeEach
    void buildNetwork() {
        graph = new Graph();
        session = new Session(graph);
        tf = Ops.create(graph);
        Random random = new Random(42);
        params = new FedParameters(tf, () -> (random.nextFloat() * 2f - 1f) * 0.8f);
        network = new EncoderNetwork(tf, hp, VOCAB, params);
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    private Operand<TInt32> ids(int[] values, int rows) {
        return tf.constant(NdArrays.wrap(Shape.of(rows, values.length / rows), DataBuffers.of(values, true, false)));
    }

    private Operand<TFloat32> ranked() {
        float[] below = new float[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                below[i * 3 + j] = GRADES[i] < GRADES[j] ? 1f : 0f;
            }
        }
        return tf.constant(NdArrays.wrap(Shape.of(3, 3), DataBuffers.of(below, true, false)));
    }

    @Test
    void shouldMatchFiniteDifferencesForEveryParameterOfTheLoss() {
        Operand<TFloat32> loss = network.loss(network.encode(ids(FIRST, 3), false), network.encode(ids(SECOND, 3), false),
                tf.constant(PARAPHRASE), ranked());
        GradientCheck.assertFiniteDifferencesMatch(graph, loss, params, this::fetch, 8, 5e-3f, 0.03);
    }

    @Test
    void shouldEncodeToUnitVectorsThatPaddingDoesNotChange() {
        float[] short3 = fetch(network.encode(ids(new int[] {2, 3, 4}, 1), false).asOutput());
        float[] padded = fetch(network.encode(ids(new int[] {2, 3, 4, 0, 0, 0, 0}, 1), false).asOutput());
        double norm = 0;
        for (int i = 0; i < short3.length; i++) {
            norm += short3[i] * short3[i];
            assertThat(padded[i]).isCloseTo(short3[i], offset(1e-5f));
        }
        assertThat(norm).isCloseTo(1.0, offset(1e-4));
    }

    @Test
    void shouldComputeAmSoftmaxAndCosentAsWritten() {
        float[][] a = {{1f, 0f}, {0f, 1f}, {0.6f, 0.8f}};
        float[][] b = {{0.8f, 0.6f}, {1f, 0f}, {0f, 1f}};
        Operand<TFloat32> loss = network.loss(matrix(a), matrix(b), tf.constant(PARAPHRASE), ranked());
        double scale = hp.scale();
        double margin = hp.margin();
        double am = 0;
        for (int i = 0; i < 3; i++) {
            if (PARAPHRASE[i] == 0f) {
                continue;
            }
            double rowSum = 0;
            double columnSum = 0;
            for (int j = 0; j < 3; j++) {
                rowSum += Math.exp(scale * (dot(a[i], b[j]) - (i == j ? margin : 0)));
                columnSum += Math.exp(scale * (dot(a[j], b[i]) - (i == j ? margin : 0)));
            }
            double target = scale * (dot(a[i], b[i]) - margin);
            am += Math.log(rowSum) - target + Math.log(columnSum) - target;
        }
        am /= 2 * 2; // two directions, two paraphrase pairs
        double sum = 1;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (GRADES[i] < GRADES[j]) {
                    sum += Math.exp(scale * (dot(a[i], b[i]) - dot(a[j], b[j])));
                }
            }
        }
        assertThat((double) fetch(loss.asOutput())[0]).isCloseTo(am + Math.log(sum), offset(1e-3));
    }

    private Operand<TFloat32> matrix(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return tf.constant(NdArrays.wrap(Shape.of(rows.length, rows[0].length), DataBuffers.of(flat, true, false)));
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private float[] fetch(Output<?> output) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            params.feed(runner, fed);
            try (Result r = runner.fetch(output).run()) {
                return FloatTensors.values((TFloat32) r.get(0));
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }
}
