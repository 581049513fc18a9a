package io.wenliu.models.train.encoder;

import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.graph.EmbeddingHead;
import io.wenliu.models.graph.MaskedPooling;
import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.SeededDropout;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sentence encoder as TF-Java graph ops, after the seed design (a dilated gated CNN, Su
 * Jianlin, kexue.fm/archives/5409) and its use for sentence vectors:
 *
 * <ol>
 *   <li>the shared {@link CharacterEncoder}: character and hashed bigram embeddings, residual gated
 *       dilated blocks;</li>
 *   <li>{@link MaskedPooling}: masked mean and max pooling over the characters, concatenated;</li>
 *   <li>the {@link EmbeddingHead}: a dense layer to {@code dimension} components and L2 normalisation.</li>
 * </ol>
 * Training adds two losses over a batch of sentence pairs ({@link #loss}): AM-Softmax over in-batch
 * candidates for the paraphrase pairs, and CoSENT ranking every pair by its graded label.
 *
 * <p>The same code builds the training graph (with dropout) and the serving graph. Every op has a
 * gradient check in {@code EncoderNetworkGradientTest}. Not thread-safe; used while a graph is built.
 */
public final class EncoderNetwork {
    public static final String PROJECTION_KERNEL = EmbeddingHead.PROJECTION_KERNEL;
    public static final String PROJECTION_BIAS = EmbeddingHead.PROJECTION_BIAS;

    private final Ops tf;
    private final CharacterEncoder characters;
    private final EmbeddingHead head;

    public EncoderNetwork(Ops tf, EncoderHyperParameters hp, int vocabularySize, ParameterSource params) {
        this.tf = tf;
        CharacterEncoder.Settings settings = new CharacterEncoder.Settings(hp.charDim(), hp.bigramBuckets(), hp.bigramDim(),
                hp.dilations(), hp.kernelSize());
        this.characters = new CharacterEncoder(tf, settings, vocabularySize, params, new SeededDropout(tf, hp.dropout(), hp.seed()));
        this.head = new EmbeddingHead(tf, params, 2 * hp.channels(), hp.dimension(), hp.scale(), hp.margin());
    }

    /** L2-normalised sentence embeddings [batch, dimension] of padded character ids [batch, length]. */
    public Operand<TFloat32> encode(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> mask = characters.mask(tokenIds);
        Operand<TFloat32> x = characters.encode(tokenIds, tf.expandDims(mask, tf.constant(-1)), tf.shape(tokenIds), training);
        return head.embed(MaskedPooling.meanAndMax(tf, x, mask));
    }

    /** {@link EmbeddingHead#loss}: AM-Softmax over the paraphrase pairs plus CoSENT over all pairs. */
    public Operand<TFloat32> loss(Operand<TFloat32> a, Operand<TFloat32> b, Operand<TFloat32> paraphrase,
                                  Operand<TFloat32> ranked) {
        return head.loss(a, b, paraphrase, ranked);
    }
}
