package io.wenliu.models.bert;

import io.wenliu.models.graph.CrfHead;
import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.SeededDropout;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A character CRF tagger on the BERT encoder (segmentation, NER, POS): dropout on the encoder's last
 * hidden states, one dense layer to tag scores per word piece, then those scores gathered per
 * <em>character</em> of the text (each character takes the scores of the piece that covers it: one
 * piece per CJK character, one piece for several characters of a Latin or digit run), so the CRF,
 * tag sets, gold files, evaluators and decoders of the from-scratch character taggers apply as they
 * are. The CRF transitions are named as {@link CrfHead}'s (as in every CRF tagger); the loss is the shared
 * {@link io.wenliu.models.graph.CrfLoss} over {@link #transitions()}.
 * Not thread-safe; used while a graph is being built.
 */
public final class BertTaggerNetwork {
    public static final String HEAD_WEIGHT = "tagger.weight";
    public static final String HEAD_BIAS = "tagger.bias";
    public static final String TRANSITIONS = CrfHead.TRANSITIONS;

    private final Ops tf;
    private final BertEncoder encoder;
    private final ParameterSource params;
    private final SeededDropout dropout;
    private final int numTags;

    public BertTaggerNetwork(Ops tf, BertConfig config, int numTags, ParameterSource params, SeededDropout dropout) {
        this.tf = tf;
        this.encoder = new BertEncoder(tf, config, params, dropout);
        this.params = params;
        this.dropout = dropout;
        this.numTags = numTags;
        params.declare(HEAD_WEIGHT, config.hidden(), numTags);
        params.declare(HEAD_BIAS, numTags);
        params.declare(TRANSITIONS, numTags, numTags);
    }

    /** Tag scores of every word piece, shape [batch, pieces, tags]. */
    public Operand<TFloat32> pieceEmissions(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> hidden = dropout.apply(encoder.encode(tokenIds, training), training);
        Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, encoder.config().hidden()}));
        Operand<TFloat32> scores = tf.math.add(tf.linalg.matMul(flat, params.get(HEAD_WEIGHT)), params.get(HEAD_BIAS));
        return tf.reshape(scores, tf.concat(List.of(tf.shape(tokenIds), tf.constant(new int[] {numTags})), tf.constant(0)));
    }

    /**
     * Tag scores of every character, shape [batch, characters, tags].
     *
     * @param characterPieces [batch, characters]: for each character, the index (in its row of
     *                        {@code tokenIds}) of the piece that covers it; 0 ([CLS]) at padding
     */
    public Operand<TFloat32> emissions(Operand<TInt32> tokenIds, Operand<TInt32> characterPieces, boolean training) {
        return perCharacter(pieceEmissions(tokenIds, training), characterPieces);
    }

    /** {@code pieceEmissions} [batch, pieces, tags] gathered per character, as {@link #emissions}. */
    public Operand<TFloat32> perCharacter(Operand<TFloat32> pieceEmissions, Operand<TInt32> characterPieces) {
        Operand<TInt32> shape = tf.shape(pieceEmissions);
        Operand<TInt32> batch = tf.gather(shape, tf.constant(0), tf.constant(0));
        Operand<TInt32> pieces = tf.gather(shape, tf.constant(1), tf.constant(0));
        // row b's piece i is row b * pieces + i of the flattened scores
        Operand<TInt32> rowStarts = tf.expandDims(tf.math.mul(tf.range(tf.constant(0), batch, tf.constant(1)), pieces),
                tf.constant(1));
        Operand<TFloat32> flat = tf.reshape(pieceEmissions, tf.constant(new int[] {-1, numTags}));
        return tf.gather(flat, tf.math.add(characterPieces, rowStarts), tf.constant(0));
    }

    /** 1.0 at real characters, 0.0 at padding, shape [batch, characters]: real characters never map to [CLS]. */
    public Operand<TFloat32> mask(Operand<TInt32> characterPieces) {
        return tf.dtypes.cast(tf.math.greater(characterPieces, tf.constant(0)), TFloat32.class);
    }

    public Operand<TFloat32> transitions() {
        return params.get(TRANSITIONS);
    }
}
