package io.wenliu.models.train;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The DGCNN-CRF character tagger as TF-Java graph ops, after Su Jianlin's dilated gated CNN
 * (kexue.fm/archives/5409) and CNN+CRF segmenter (kexue.fm/archives/4195): the shared
 * {@link CharacterEncoder} (character and hashed bigram embeddings, residual gated dilated blocks),
 * then a dense layer to per-character tag scores (CRF emissions) and a transition matrix.
 *
 * <p>The same code builds the training graph (with dropout) and the serving graph, so both compute
 * the same function; every op used here has a gradient check in {@code TaggerNetworkGradientTest}.
 * Not thread-safe; used while a graph is being built.
 */
public final class TaggerNetwork {
    public static final String TRANSITIONS = "transitions";
    public static final String OUTPUT_KERNEL = "output_kernel";
    public static final String OUTPUT_BIAS = "output_bias";
    /**
     * Where the tagger's parameters start unlike {@link TrainableParameters}' defaults: the CRF
     * transitions at zero, and the bigram embeddings Glorot-uniform, as the committed taggers were
     * trained, so that a seed keeps giving their initial values; the word-position embeddings at zero,
     * so that a network warm-started from one without them begins by computing what that one did.
     */
    static final Map<String, TrainableParameters.Init> INITIALISATION = Map.of(
            CharacterEncoder.BIGRAM_EMBEDDINGS, TrainableParameters.Init.GLOROT_UNIFORM,
            CharacterEncoder.WORD_POSITION_EMBEDDINGS, TrainableParameters.Init.ZEROS,
            TRANSITIONS, TrainableParameters.Init.ZEROS);

    private final Ops tf;
    private final TaggerHyperParameters hp;
    private final int numTags;
    private final ParameterSource params;
    private final CharacterEncoder characters;

    /**
     * @param params where the network's weights come from: fresh variables while training, restored
     *               ones when exporting
     */
    public TaggerNetwork(Ops tf, TaggerHyperParameters hp, int vocabularySize, int numTags, ParameterSource params) {
        this.tf = tf;
        this.hp = hp;
        this.numTags = numTags;
        this.params = params;
        int c = hp.channels();
        CharacterEncoder.Settings settings = new CharacterEncoder.Settings(hp.bigramBuckets() > 0 ? c - hp.bigramDim() : c,
                hp.bigramBuckets(), hp.bigramDim(), hp.dilations(), hp.kernelSize(), hp.wordPositions());
        this.characters = new CharacterEncoder(tf, settings, vocabularySize, params, new SeededDropout(tf, hp.dropout(), hp.seed()));
        params.declare(OUTPUT_KERNEL, c, numTags);
        params.declare(OUTPUT_BIAS, numTags);
        params.declare(TRANSITIONS, numTags, numTags);
    }

    /** 1.0 at real characters, 0.0 at padding; shape [batch, length]. */
    public Operand<TFloat32> mask(Operand<TInt32> tokenIds) {
        return characters.mask(tokenIds);
    }

    /** Tag scores for every character, shape [batch, length, tags]; {@code training} adds dropout. */
    public Operand<TFloat32> emissions(Operand<TInt32> tokenIds, boolean training) {
        int c = hp.channels();
        Operand<TFloat32> mask3 = tf.expandDims(mask(tokenIds), tf.constant(-1));
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        Operand<TFloat32> x = characters.encode(tokenIds, mask3, batchAndLength, training);
        Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, c}));
        Operand<TFloat32> scores = tf.math.add(tf.linalg.matMul(flat, params.get(OUTPUT_KERNEL)), params.get(OUTPUT_BIAS));
        return tf.reshape(scores, tf.concat(List.of(batchAndLength, tf.constant(new int[] {numTags})), tf.constant(0)));
    }

    public Operand<TFloat32> transitions() {
        return params.get(TRANSITIONS);
    }

    /**
     * Negative log-likelihood of the gold tag paths under the linear-chain CRF, averaged over the
     * batch, for batches padded to exactly {@code length}.
     *
     * @param goldOneHot       [batch, length, tags], the gold tag of each real character, zero at padding
     * @param goldTransitions  [tags, tags], how often each gold transition occurs in the batch
     * @param batchSize        scalar, the number of sequences in the batch
     */
    public Operand<TFloat32> crfLoss(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length,
                                     Operand<TFloat32> goldOneHot, Operand<TFloat32> goldTransitions,
                                     Operand<TFloat32> batchSize) {
        Operand<TFloat32> logZ = logPartition(emissions, mask, length);
        Operand<TFloat32> goldEmissions = tf.sum(tf.math.mul(goldOneHot, emissions), tf.constant(new int[] {0, 1, 2}));
        Operand<TFloat32> goldTransitionScore = tf.sum(tf.math.mul(goldTransitions, transitions()), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> total = tf.math.sub(tf.sum(logZ, tf.constant(0)), tf.math.add(goldEmissions, goldTransitionScore));
        return tf.math.div(total, batchSize);
    }

    /** log Σ over all tag paths of exp(score), per sequence: the forward algorithm, unrolled. */
    Operand<TFloat32> logPartition(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length) {
        Unstack<TFloat32> steps = tf.unstack(emissions, (long) length, Unstack.axis(1L));
        Unstack<TFloat32> stepMasks = tf.unstack(mask, (long) length, Unstack.axis(1L));
        Operand<TFloat32> transitions = tf.expandDims(transitions(), tf.constant(0));          // [1, K, K]
        Operand<TFloat32> alpha = steps.output().get(0);                                          // [B, K]
        for (int t = 1; t < length; t++) {
            Operand<TFloat32> scores = tf.math.add(
                    tf.math.add(tf.expandDims(alpha, tf.constant(2)), transitions),                  // [B, K, K]
                    tf.expandDims(steps.output().get(t), tf.constant(1)));
            Operand<TFloat32> next = logSumExp(scores, 1);                                          // [B, K]
            Operand<TFloat32> m = tf.expandDims(stepMasks.output().get(t), tf.constant(1));        // [B, 1]
            alpha = tf.math.add(alpha, tf.math.mul(m, tf.math.sub(next, alpha)));                 // padding keeps alpha
        }
        return logSumExp(alpha, 1);
    }

    private Operand<TFloat32> logSumExp(Operand<TFloat32> x, int axis) {
        // subtracting the (constant) maximum keeps exp() finite; summing over the size-1 axis drops it
        Operand<TFloat32> max = tf.stopGradient(tf.max(x, tf.constant(axis), Max.keepDims(true)));
        Operand<TFloat32> sum = tf.sum(tf.math.exp(tf.math.sub(x, max)), tf.constant(axis));
        return tf.math.add(tf.math.log(sum), tf.sum(max, tf.constant(axis)));
    }
}
