package io.wenliu.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.graph.CharacterEncoder;
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
 * Checks the gradients TensorFlow's C API computes for every layer the trainer uses against central
 * finite differences (the API silently gets some wrong, e.g. Conv2D with dilations), and checks the
 * forward pass of the im2col dilation and of the CRF partition function against plain Java.
 */
class TaggerNetworkGradientTest {
    private static final int VOCAB = 7;
    private static final int TAGS = 3;
    private static final int LENGTH = 6;
    private static final int CHANNELS = 4;
    // two sequences: one full, one padded (id 0) after four characters
    private static final int[] IDS = {2, 3, 4, 5, 6, 1, 3, 1, 2, 6, 0, 0};
    private static final int[] LENGTHS = {6, 4};
    private static final int[] GOLD = {0, 1, 2, 0, 2, 1, 2, 2, 0, 1, 0, 0};

    private final TaggerHyperParameters hp = new TaggerHyperParameters(CHANNELS, List.of(1, 2, 3), 3, 0f, 1e-3f,
            2, 1, 1, List.of(LENGTH), 1, 11, 2, 1L);
    private Graph graph;
    private Session session;
    private Ops tf;
    private FedParameters params;
    private TaggerNetwork network;
    private Placeholder<TInt32> ids;
    private int[] fedIds = IDS;

    @BeforeEach
    void buildNetwork() {
        graph = new Graph();
        session = new Session(graph);
        tf = Ops.create(graph);
        Random random = new Random(42);
        params = new FedParameters(tf, () -> random.nextGaussian() * 0.5);
        network = new TaggerNetwork(tf, hp, VOCAB, TAGS, params);
        ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, LENGTH)));
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    @Test
    void shouldMatchFiniteDifferencesForEveryParameterOfTheCrfLoss() {
        GradientCheck.assertFiniteDifferencesMatch(graph, crfLoss(), params, this::fetch, 6, 1e-2f, 0.02);
    }

    @Test
    void shouldMatchFiniteDifferencesWithWordPositionsPackedIntoTheIds() {
        Random random = new Random(7);
        params = new FedParameters(tf, () -> random.nextGaussian() * 0.5);
        network = new TaggerNetwork(tf, hp.withWordPositions(true), VOCAB, TAGS, params);
        fedIds = withWordPositions(IDS);

        GradientCheck.assertFiniteDifferencesMatch(graph, crfLoss(), params, this::fetch, 6, 1e-2f, 0.02);
    }

    @Test
    void shouldComputeWithZeroWordPositionEmbeddingsWhatTheNetworkWithoutThemComputes() {
        float[] plain = fetch(network.emissions(ids, false).asOutput());
        FedParameters same = new FedParameters(tf, () -> 0.0);
        network = new TaggerNetwork(tf, hp.withWordPositions(true), VOCAB, TAGS, same);
        params.values.forEach((name, values) -> System.arraycopy(values, 0, same.values.get(name), 0, values.length));
        params = same;
        fedIds = withWordPositions(IDS);

        assertThat(fetch(network.emissions(ids, false).asOutput())).containsExactly(plain, org.assertj.core.data.Offset.offset(1e-6f));
    }

    /** The ids with words 2+1+3 in the first sequence and one word of four in the second, packed. */
    private static int[] withWordPositions(int[] ids) {
        int[] positions = {1, 3, 4, 1, 2, 3, 1, 2, 2, 3, 0, 0};
        int[] packed = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            packed[i] = io.wenliu.models.vocab.WordPositions.pack(ids[i], positions[i], VOCAB);
        }
        return packed;
    }

    private Operand<TFloat32> crfLoss() {
        Operand<TFloat32> emissions = network.emissions(ids, false);
        float[] gold = new float[2 * LENGTH * TAGS];
        float[] goldTransitions = new float[TAGS * TAGS];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) {
                gold[(b * LENGTH + t) * TAGS + GOLD[b * LENGTH + t]] = 1f;
                if (t > 0) {
                    goldTransitions[GOLD[b * LENGTH + t - 1] * TAGS + GOLD[b * LENGTH + t]] += 1f;
                }
            }
        }
        return network.crfLoss(emissions, network.mask(ids), LENGTH,
                tf.constant(org.tensorflow.ndarray.NdArrays.wrap(Shape.of(2, LENGTH, TAGS), DataBuffers.of(gold, true, false))),
                tf.constant(org.tensorflow.ndarray.NdArrays.wrap(Shape.of(TAGS, TAGS), DataBuffers.of(goldTransitions, true, false))),
                tf.constant(2f));
    }

    @Test
    void shouldGatherDilatedTapsLikeAZeroPaddedConvolution() {
        float[] input = new float[LENGTH * CHANNELS];
        for (int i = 0; i < input.length; i++) {
            input[i] = i + 1;
        }
        Operand<TFloat32> xs = tf.constant(org.tensorflow.ndarray.NdArrays.wrap(Shape.of(1, LENGTH, CHANNELS), DataBuffers.of(input, true, false)));
        int dilation = 2;
        float[] columns = fetch(CharacterEncoder.dilatedColumns(tf, xs, tf.constant(new int[] {1, LENGTH}), 3, dilation).asOutput());
        for (int t = 0; t < LENGTH; t++) {
            for (int k = 0; k < 3; k++) {
                int source = t + (k - 1) * dilation;
                for (int c = 0; c < CHANNELS; c++) {
                    float expected = source < 0 || source >= LENGTH ? 0f : input[source * CHANNELS + c];
                    assertThat(columns[(t * 3 + k) * CHANNELS + c]).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldComputeTheLogPartitionOfEveryTagPathByBruteForce() {
        Operand<TFloat32> emissions = network.emissions(ids, false);
        float[] logZ = fetch(network.logPartition(emissions, network.mask(ids), LENGTH).asOutput());
        float[] e = fetch(emissions.asOutput());
        float[] trans = params.values.get(TaggerNetwork.TRANSITIONS);
        for (int b = 0; b < 2; b++) {
            double sum = 0;
            int n = LENGTHS[b];
            int paths = (int) Math.pow(TAGS, n);
            for (int code = 0; code < paths; code++) {
                int[] path = new int[n];
                for (int t = 0, c = code; t < n; t++, c /= TAGS) {
                    path[t] = c % TAGS;
                }
                double score = 0;
                for (int t = 0; t < n; t++) {
                    score += e[(b * LENGTH + t) * TAGS + path[t]];
                    if (t > 0) {
                        score += trans[path[t - 1] * TAGS + path[t]];
                    }
                }
                sum += Math.exp(score);
            }
            assertThat((double) logZ[b]).isCloseTo(Math.log(sum), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    private float[] fetch(Output<?> output) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new java.util.ArrayList<>();
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(2, LENGTH), DataBuffers.of(fedIds, true, false))) {
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
