package io.wenliu.models.student;

import io.wenliu.models.train.FloatTensors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.train.FedParameters;
import io.wenliu.models.train.GradientCheck;
import io.wenliu.models.train.classifier.ClassifierNetwork;
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
 * Checks the gradients TensorFlow's C API computes for every parameter of the student (the shared body,
 * the three CRF heads, the pooled sentiment and similarity heads) against central finite differences,
 * through the sum of all five tasks' losses on one small batch, and that padding changes no pooled output.
 */
class StudentNetworkGradientTest {
    private static final int VOCAB = 7;
    private static final int LENGTH = 5;
    // three texts: one full, two padded (id 0)
    private static final int[] IDS = {2, 3, 4, 5, 6, 1, 3, 1, 2, 0, 5, 6, 0, 0, 0};
    private static final int[] SECOND = {3, 3, 4, 0, 0, 6, 2, 1, 2, 5, 4, 0, 0, 0, 0};
    private static final int[] LENGTHS = {5, 4, 2};

    // with the similarity head's hidden layer and bag, so their gradients are checked too
    private final StudentHyperParameters hp = new StudentHyperParameters(3, 11, 2, List.of(1, 2), 3, 0f, 4, 5f, 0.2f,
            1e-3f, 0f, 2, 1, List.of(LENGTH), LENGTH, 1, 1L, 10, 3, 5, 2);
    private Graph graph;
    private Session session;
    private Ops tf;
    private FedParameters params;
    private StudentNetwork network;
    private Placeholder<TInt32> ids;
    private Placeholder<TInt32> second;

    @BeforeEach
    void buildNetwork() {
        graph = new Graph();
        session = new Session(graph);
        tf = Ops.create(graph);
        Random random = new Random(42);
        params = new FedParameters(tf, () -> random.nextGaussian() * 0.5);
        network = new StudentNetwork(tf, hp, VOCAB, params);
        ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, LENGTH)));
        second = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, LENGTH)));
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    @Test
    void shouldMatchFiniteDifferencesForEveryParameterOfEveryHead() {
        StudentNetwork.Encoded encoded = network.encode(ids, false);
        Operand<TFloat32> loss = tf.constant(0f);
        for (TaggingHead head : TaggingHead.values()) {
            int k = head.labels().size();
            float[] gold = new float[LENGTHS.length * LENGTH * k];
            float[] transitions = new float[k * k];
            for (int b = 0; b < LENGTHS.length; b++) {
                for (int t = 0; t < LENGTHS[b]; t++) {
                    int tag = (b + 2 * t) % k;
                    gold[(b * LENGTH + t) * k + tag] = 1f;
                    if (t > 0) {
                        transitions[((b + 2 * (t - 1)) % k) * k + tag] += 1f;
                    }
                }
            }
            loss = tf.math.add(loss, network.tagger(head).crf().loss(network.emissions(head, encoded), encoded.mask(), LENGTH,
                    tf.constant(Shape.of(LENGTHS.length, LENGTH, k), DataBuffers.of(gold, true, false)),
                    tf.constant(Shape.of(k, k), DataBuffers.of(transitions, true, false)), tf.constant((float) LENGTHS.length)));
        }
        Operand<TFloat32> pooled = network.pooled(encoded);
        loss = tf.math.add(loss, ClassifierNetwork.logisticLoss(tf, network.sentimentLogit(pooled, false),
                tf.constant(new float[] {1f, 0f, 1f})));
        StudentNetwork.Encoded secondEncoded = network.encode(second, false);
        Operand<TFloat32> other = network.embedding(secondEncoded, network.pooled(secondEncoded), false);
        loss = tf.math.add(loss, network.similarityLoss(network.embedding(encoded, pooled, false), other, tf.constant(new float[] {1f, 0f, 1f}),
                tf.constant(new float[][] {{0, 1, 0}, {0, 0, 0}, {0, 1, 0}})));

        GradientCheck.assertFiniteDifferencesMatch(graph, loss, params, this::fetch, 6, 1e-2f, 0.02);
    }

    @Test
    void shouldMatchFiniteDifferencesThroughTheEmbeddingDistillationLoss() {
        StudentNetwork.Encoded encoded = network.encode(ids, false);
        Operand<TFloat32> embeddings = network.embedding(encoded, network.pooled(encoded), false);
        int d = hp.dimension();
        float[][] teacher = new float[3][d];
        for (int i = 0; i < 3; i++) {
            teacher[i][i % d] = 0.6f; // unit vectors, none equal to another
            teacher[i][(i + 1) % d] = 0.8f;
        }

        Operand<TFloat32> loss = network.embeddingDistillationLoss(embeddings, tf.constant(teacher));

        float[] e = fetch(embeddings.asOutput());
        double cosines = 0;
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < d; c++) {
                cosines += e[i * d + c] * teacher[i][c];
            }
        }
        assertThat(fetch(loss.asOutput())[0]).isCloseTo((float) (hp.scale() * (1 - cosines / 3)), within(1e-4f));
        GradientCheck.assertFiniteDifferencesMatch(graph, loss, params,
                name -> StudentNetwork.serves(name, StudentNetwork.SIMILARITY), this::fetch, 6, 1e-2f, 0.02);
    }

    @Test
    void shouldGiveTheSamePooledOutputsWhateverThePadding() {
        StudentNetwork.Encoded encoded = network.encode(ids, false);
        Operand<TFloat32> pooled = network.pooled(encoded);
        float[] logits = fetch(network.sentimentLogit(pooled, false).asOutput());
        float[] embeddings = fetch(network.embedding(encoded, pooled, false).asOutput());
        for (int b = 0; b < LENGTHS.length; b++) {
            int[] alone = new int[LENGTHS[b]];
            System.arraycopy(IDS, b * LENGTH, alone, 0, LENGTHS[b]);
            StudentNetwork.Encoded single = network.encode(tf.constant(new int[][] {alone}), false);
            Operand<TFloat32> singlePooled = network.pooled(single);
            assertThat(fetch(network.sentimentLogit(singlePooled, false).asOutput())[0]).as("text %d", b)
                    .isCloseTo(logits[b], within(1e-5f));
            float[] embedding = fetch(network.embedding(single, singlePooled, false).asOutput());
            double norm = 0;
            for (int d = 0; d < hp.dimension(); d++) {
                assertThat(embedding[d]).isCloseTo(embeddings[b * hp.dimension() + d], within(1e-5f));
                norm += embedding[d] * embedding[d];
            }
            assertThat(norm).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void shouldCountTheMultiplyAddsOfEveryBlockAndTaggingHeadPerCharacter() {
        // the default body: 6 blocks of 3 × 96 → 192, heads 96 × (4 BMES + 34 B-/I-UPOS + 7 BIO) tags
        assertThat(StudentNetwork.multiplyAddsPerCharacter(StudentHyperParameters.defaults()))
                .isEqualTo(6L * 3 * 96 * 192 + 96L * (4 + 34 + 7));
    }

    @Test
    void shouldPrefixEveryHeadsParametersAndKeepTheBodysNames() {
        assertThat(params.values().keySet()).startsWith("embeddings", "bigram_embeddings", "block0_kernel", "block0_bias")
                .contains("segmentation.output_kernel", "pos.transitions", "ner.output_bias", "sentiment.output_kernel",
                        "similarity.projection_kernel");
        assertThat(params.values().keySet()).filteredOn(name -> StudentNetwork.serves(name, "ner"))
                .containsExactly("embeddings", "bigram_embeddings", "block0_kernel", "block0_bias", "block1_kernel", "block1_bias",
                        "ner.output_kernel", "ner.output_bias", "ner.transitions");
    }

    private float[] fetch(Output<?> output) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(LENGTHS.length, LENGTH), DataBuffers.of(IDS, true, false));
             TInt32 secondT = TInt32.tensorOf(Shape.of(LENGTHS.length, LENGTH), DataBuffers.of(SECOND, true, false))) {
            runner.feed(ids, idsT).feed(second, secondT);
            params.feed(runner, fed);
            try (Result r = runner.fetch(output).run()) {
                return FloatTensors.values((TFloat32) r.get(0));
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }
}
