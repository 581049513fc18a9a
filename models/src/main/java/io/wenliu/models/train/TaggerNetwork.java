package io.wenliu.models.train;

import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.graph.CrfHead;
import io.wenliu.models.graph.CrfLoss;
import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.SeededDropout;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
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
    public static final String TRANSITIONS = CrfHead.TRANSITIONS;
    public static final String OUTPUT_KERNEL = CrfHead.OUTPUT_KERNEL;
    public static final String OUTPUT_BIAS = CrfHead.OUTPUT_BIAS;
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
    private final CharacterEncoder characters;
    private final CrfHead head;

    /**
     * @param params where the network's weights come from: fresh variables while training, restored
     *               ones when exporting
     */
    public TaggerNetwork(Ops tf, TaggerHyperParameters hp, int vocabularySize, int numTags, ParameterSource params) {
        this.tf = tf;
        int c = hp.channels();
        CharacterEncoder.Settings settings = new CharacterEncoder.Settings(hp.bigramBuckets() > 0 ? c - hp.bigramDim() : c,
                hp.bigramBuckets(), hp.bigramDim(), hp.dilations(), hp.kernelSize(), hp.wordPositions());
        this.characters = new CharacterEncoder(tf, settings, vocabularySize, params, new SeededDropout(tf, hp.dropout(), hp.seed()));
        this.head = new CrfHead(tf, params, c, numTags);
    }

    /** 1.0 at real characters, 0.0 at padding; shape [batch, length]. */
    public Operand<TFloat32> mask(Operand<TInt32> tokenIds) {
        return characters.mask(tokenIds);
    }

    /** Tag scores for every character, shape [batch, length, tags]; {@code training} adds dropout. */
    public Operand<TFloat32> emissions(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> mask3 = tf.expandDims(mask(tokenIds), tf.constant(-1));
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        return head.emissions(characters.encode(tokenIds, mask3, batchAndLength, training), batchAndLength);
    }

    public Operand<TFloat32> transitions() {
        return head.transitions();
    }

    /**
     * Negative log-likelihood of the gold tag paths under the linear-chain CRF ({@link CrfLoss}),
     * averaged over the batch, for batches padded to exactly {@code length}.
     */
    public Operand<TFloat32> crfLoss(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length,
                                     Operand<TFloat32> goldOneHot, Operand<TFloat32> goldTransitions,
                                     Operand<TFloat32> batchSize) {
        return head.crf().loss(emissions, mask, length, goldOneHot, goldTransitions, batchSize);
    }

    /** log Σ over all tag paths of exp(score), per sequence. */
    Operand<TFloat32> logPartition(Operand<TFloat32> emissions, Operand<TFloat32> mask, int length) {
        return head.crf().logPartition(emissions, mask, length);
    }
}
