package io.wenliu.models.bert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.graph.CrfLoss;
import io.wenliu.models.graph.SeededDropout;
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
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The BERT tagger's per-character emissions on a tiny encoder: every character gets exactly the
 * scores of the piece that covers it (several characters may share one), padding maps to [CLS] and is
 * masked, and the C API's gradients through the gather and the CRF match finite differences.
 */
class BertTaggerNetworkTest {
    private static final BertConfig TINY = new BertConfig(9, 8, 1, 2, 12, 8, 2);
    private static final int TAGS = 3;
    private static final int PIECES = 5;
    private static final int CHARACTERS = 6;
    // two sequences: [CLS] a b c [SEP] and [CLS] d e [SEP] [PAD]
    private static final int[] IDS = {2, 5, 7, 3, 1, 2, 8, 4, 1, 0};
    // row 0: six characters, the 2nd piece covering three of them (a Latin run); row 1: two characters, padded
    private static final int[] CHARACTER_PIECES = {1, 2, 2, 2, 3, 3, 1, 2, 0, 0, 0, 0};
    private static final int[] GOLD = {0, 1, 2, 2, 0, 1, 1, 0};

    private Graph graph;
    private Session session;
    private Ops tf;
    private FedParameters params;
    private BertTaggerNetwork network;
    private Placeholder<TInt32> ids;
    private Placeholder<TInt32> characterPieces;

    @BeforeEach
    void buildTagger() {
        graph = new Graph();
        session = new Session(graph);
        tf = Ops.create(graph);
        Random random = new Random(13);
        params = new FedParameters(tf, () -> random.nextGaussian() * 0.5);
        network = new BertTaggerNetwork(tf, TINY, TAGS, params, new SeededDropout(tf, 0f, 1L));
        ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, PIECES)));
        characterPieces = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, CHARACTERS)));
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    @Test
    void shouldGiveEachCharacterTheScoresOfThePieceThatCoversIt() {
        float[] pieces = fetch(network.pieceEmissions(ids, false).asOutput());
        float[] characters = fetch(network.emissions(ids, characterPieces, false).asOutput());

        assertThat(characters).hasSize(2 * CHARACTERS * TAGS);
        for (int row = 0; row < 2; row++) {
            for (int c = 0; c < CHARACTERS; c++) {
                int piece = CHARACTER_PIECES[row * CHARACTERS + c];
                for (int k = 0; k < TAGS; k++) {
                    assertThat(characters[(row * CHARACTERS + c) * TAGS + k])
                            .isEqualTo(pieces[(row * PIECES + piece) * TAGS + k]);
                }
            }
        }
        assertThat(fetch(network.mask(characterPieces).asOutput()))
                .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void shouldMatchFiniteDifferencesThroughTheGatherAndTheCrf() {
        float[] goldOneHot = new float[2 * CHARACTERS * TAGS];
        float[] goldTransitions = new float[TAGS * TAGS];
        int[] lengths = {6, 2};
        for (int row = 0, g = 0; row < 2; row++) {
            for (int c = 0; c < lengths[row]; c++, g++) {
                goldOneHot[(row * CHARACTERS + c) * TAGS + GOLD[g]] = 1f;
                if (c > 0) {
                    goldTransitions[GOLD[g - 1] * TAGS + GOLD[g]] += 1f;
                }
            }
        }
        Operand<TFloat32> loss = new CrfLoss(tf, network.transitions()).loss(network.emissions(ids, characterPieces, false),
                network.mask(characterPieces), CHARACTERS,
                tf.constant(NdArrays.wrap(Shape.of(2, CHARACTERS, TAGS), DataBuffers.of(goldOneHot, true, false))),
                tf.constant(NdArrays.wrap(Shape.of(TAGS, TAGS), DataBuffers.of(goldTransitions, true, false))),
                tf.constant(2f));

        assertThat(fetch(loss.asOutput())[0]).isPositive();
        GradientCheck.assertFiniteDifferencesMatch(graph, loss, params, this::fetch, 4, 5e-3f, 0.02);
    }

    private float[] fetch(Output<?> output) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try (TInt32 idsT = TInt32.tensorOf(Shape.of(2, PIECES), DataBuffers.of(IDS, true, false));
             TInt32 piecesT = TInt32.tensorOf(Shape.of(2, CHARACTERS), DataBuffers.of(CHARACTER_PIECES, true, false))) {
            runner.feed(ids, idsT).feed(characterPieces, piecesT);
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
