package io.wenliu.models.train.classifier;

import io.wenliu.models.train.FloatTensors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Checks the gradients TensorFlow's C API computes for every layer of the classifier (embeddings,
 * hashed bigrams, im2col dilated gated blocks, attention pooling, masked max pooling, logistic loss)
 * against central finite differences, and the forward pass of the pooling and the loss against plain
 * Java.
 */
class ClassifierNetworkGradientTest {
    private static final int VOCAB = 7;
    private static final int LENGTH = 6;
    private static final int CHANNELS = 4;
    // three texts: one full, two padded (id 0)
    private static final int[] IDS = {2, 3, 4, 5, 6, 1, 3, 1, 2, 6, 0, 0, 5, 0, 0, 0, 0, 0};
    private static final int[] LENGTHS = {6, 4, 1};
    private static final float[] LABELS = {1f, 0f, 1f};

    private final ClassifierHyperParameters hp = new ClassifierHyperParameters(CHANNELS, 11, 2, List.of(1, 2),
            3, 3, 0f, 1e-3f, 3, 1, 1, 1, LENGTH, 1, 1L);
    private Graph graph;
    private Session session;
    private Ops tf;
    private FedParameters params;
    private ClassifierNetwork network;
    private Placeholder<TInt32> ids;

    @BeforeEach
    void buildNetwork() {
        graph = new Graph();
        session = new Session(graph);
        tf = Ops.create(graph);
        Random random = new Random(42);
        params = new FedParameters(tf, () -> random.nextGaussian() * 0.5);
        network = new ClassifierNetwork(tf, hp, VOCAB, params);
        ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    @Test
    void shouldMatchFiniteDifferencesForEveryParameterOfTheLoss() {
        Operand<TFloat32> loss = network.loss(network.logits(ids, false), tf.constant(LABELS));
        GradientCheck.assertFiniteDifferencesMatch(graph, loss, params, this::fetch, 8, 1e-2f, 0.02);
    }

    @Test
    void shouldPoolOnlyRealCharactersWithWeightsThatSumToOne() {
        Operand<TFloat32> mask = network.mask(ids);
        Operand<TFloat32> states = network.encode(ids, mask, false);
        float[] h = fetch(states.asOutput());
        float[] alpha = fetch(network.attentionWeights(states, mask).asOutput());
        float[] pooled = fetch(network.pool(states, mask).asOutput());
        for (int b = 0; b < LENGTHS.length; b++) {
            double sum = 0;
            for (int t = 0; t < LENGTH; t++) {
                float a = alpha[b * LENGTH + t];
                if (t >= LENGTHS[b]) {
                    assertThat(a).as("attention on padding").isZero();
                }
                sum += a;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
            for (int c = 0; c < CHANNELS; c++) {
                double attended = 0;
                float max = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < LENGTHS[b]; t++) {
                    float v = h[(b * LENGTH + t) * CHANNELS + c];
                    attended += alpha[b * LENGTH + t] * v;
                    max = Math.max(max, v);
                }
                assertThat((double) pooled[b * 2 * CHANNELS + c]).isCloseTo(attended, within(1e-5));
                assertThat(pooled[b * 2 * CHANNELS + CHANNELS + c]).isCloseTo(max, within(1e-5f));
            }
        }
    }

    @Test
    void shouldComputeTheLogisticLossStablyForLargeLogits() {
        float[] logits = {-80f, -2f, 0f, 3f, 90f};
        float[] labels = {1f, 0f, 1f, 1f, 0f};
        float loss = fetch(network.loss(tf.constant(logits), tf.constant(labels)).asOutput())[0];
        double expected = 0;
        for (int i = 0; i < logits.length; i++) {
            double z = logits[i];
            double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            expected += softplus - labels[i] * z;
        }
        assertThat((double) loss).isCloseTo(expected / logits.length, within(1e-3));
    }

    @Test
    void shouldGiveTheSameLogitWhateverThePadding() {
        float[] batched = fetch(network.logits(ids, false).asOutput());
        for (int b = 0; b < LENGTHS.length; b++) {
            int[] alone = new int[LENGTHS[b]];
            System.arraycopy(IDS, b * LENGTH, alone, 0, LENGTHS[b]);
            float[] single = fetch(network.logits(tf.constant(new int[][] {alone}), false).asOutput());
            assertThat(single[0]).as("text %d", b).isCloseTo(batched[b], within(1e-5f));
        }
    }

    private float[] fetch(Output<?> output) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(LENGTHS.length, LENGTH), DataBuffers.of(IDS, true, false))) {
            runner.feed(ids, idsT);
            params.feed(runner, fed);
            try (Result r = runner.fetch(output).run()) {
                return FloatTensors.values((TFloat32) r.get(0));
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }
}
