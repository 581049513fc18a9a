package io.wenliu.models.student;

import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.graph.CrfHead;
import io.wenliu.models.graph.EmbeddingHead;
import io.wenliu.models.graph.MaskedPooling;
import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.PrefixedParameters;
import io.wenliu.models.graph.SeededDropout;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The one-pass student as TF-Java graph ops: one {@link CharacterEncoder} body (character and hashed
 * bigram embeddings, residual gated dilated convolutions, after Su Jianlin's DGCNN,
 * kexue.fm/archives/5409) read once per text, and a head per task on its states:
 *
 * <ul>
 *   <li>segmentation, part of speech, NER ({@link TaggingHead}): a {@link CrfHead} each, dense to the
 *       task's tag scores plus a transition matrix; the POS head gets no word positions, since the body is
 *       shared: at serving time the segmenter's words constrain its decoding;</li>
 *   <li>sentiment: {@link MaskedPooling} (mean and max over the real characters) → dense → one logit, the
 *       log-odds that the text is positive, trained with the logistic loss;</li>
 *   <li>similarity: the same pooled features, joined (when {@code bagBuckets > 0}) by the mean of the head's own
 *       embeddings of each character and hashed bigram (a fastText-like bag: lexical evidence the narrow body does not
 *       keep), through a hidden ReLU layer (when {@code similarityHidden > 0}) → {@link EmbeddingHead} (dense to
 *       {@code dimension}, L2 normalised), trained with the sentence encoder's AM-Softmax + CoSENT over sentence pairs
 *       and pulled onto the similarity teacher's embeddings. Per text, these layers cost next to nothing beside the
 *       body.</li>
 * </ul>
 * The body's parameters keep the single-task networks' names (so a tagger artifact can warm-start it);
 * each head's are prefixed ({@code segmentation.}, {@code pos.}, {@code ner.}, {@code sentiment.},
 * {@code similarity.}; {@link PrefixedParameters}), so a later distillation or warm start can address them.
 * Parameters are declared in the constructor in that order, which fixes their seeded initial values.
 *
 * <p>The same code builds the training graph (with dropout) and the serving graph; every op has a
 * gradient check in {@code StudentNetworkGradientTest}. Not thread-safe; used while a graph is built.
 */
public final class StudentNetwork {
    public static final String SENTIMENT = "sentiment";
    public static final String SIMILARITY = "similarity";
    public static final String SENTIMENT_KERNEL = "output_kernel";
    public static final String SENTIMENT_BIAS = "output_bias";
    public static final String CHARACTER_BAG = "character_bag";
    public static final String BIGRAM_BAG = "bigram_bag";
    public static final String HIDDEN_KERNEL = "hidden_kernel";
    public static final String HIDDEN_BIAS = "hidden_bias";

    /** The body's output for one batch of ids, computed once and read by every head. */
    public record Encoded(Operand<TInt32> ids, Operand<TFloat32> states, Operand<TFloat32> mask, Operand<TInt32> batchAndLength) {
    }

    private final Ops tf;
    private final StudentHyperParameters hp;
    private final SeededDropout dropout;
    private final CharacterEncoder characters;
    private final Map<TaggingHead, CrfHead> taggers = new EnumMap<>(TaggingHead.class);
    private final ParameterSource sentiment;
    private final ParameterSource similarityLayers;
    private final EmbeddingHead similarity;

    /**
     * @param params where the weights come from: fresh variables while training ({@code StudentTrainer}'s),
     *               restored ones when exporting
     */
    public StudentNetwork(Ops tf, StudentHyperParameters hp, int vocabularySize, ParameterSource params) {
        this.tf = tf;
        this.hp = hp;
        this.dropout = new SeededDropout(tf, hp.dropout(), hp.seed());
        CharacterEncoder.Settings settings = new CharacterEncoder.Settings(hp.charDim(), hp.bigramBuckets(), hp.bigramDim(),
                hp.dilations(), hp.kernelSize());
        this.characters = new CharacterEncoder(tf, settings, vocabularySize, params, dropout);
        int c = hp.channels();
        for (TaggingHead head : TaggingHead.values()) {
            taggers.put(head, new CrfHead(tf, new PrefixedParameters(head.prefix(), params), c, head.labels().size()));
        }
        this.sentiment = new PrefixedParameters(SENTIMENT, params);
        sentiment.declare(SENTIMENT_KERNEL, 2L * c, 1);
        sentiment.declare(SENTIMENT_BIAS, 1);
        this.similarityLayers = new PrefixedParameters(SIMILARITY, params);
        int features = 2 * c;
        if (hp.bagBuckets() > 0) {
            similarityLayers.declare(CHARACTER_BAG, vocabularySize, hp.bagDim());
            similarityLayers.declare(BIGRAM_BAG, hp.bagBuckets(), hp.bagDim());
            features += hp.bagDim();
        }
        if (hp.similarityHidden() > 0) {
            similarityLayers.declare(HIDDEN_KERNEL, features, hp.similarityHidden());
            similarityLayers.declare(HIDDEN_BIAS, hp.similarityHidden());
            features = hp.similarityHidden();
        }
        this.similarity = new EmbeddingHead(tf, similarityLayers, features, hp.dimension(), hp.scale(), hp.margin());
    }

    /**
     * Whether a parameter takes part in a head's loss: the body's parameters (unprefixed) serve every head,
     * a head's own only that head.
     *
     * @param head a {@link TaggingHead#prefix()}, {@link #SENTIMENT} or {@link #SIMILARITY}
     */
    public static boolean serves(String parameter, String head) {
        return parameter.indexOf('.') < 0 || parameter.startsWith(head + ".");
    }

    /**
     * Multiply-adds the network spends on each character of a text (its FLOPs are twice this): every gated
     * block's convolution ({@code kernel × channels} in, {@code 2 × channels} out) and the three tagging heads'
     * dense layers. Left out: lookups, element-wise gates and pooling (a few per channel), and the per-text
     * sentiment and similarity layers ({@code 2 × channels × (1 + dimension)} a text, not a character).
     */
    public static long multiplyAddsPerCharacter(StudentHyperParameters hp) {
        long c = hp.channels();
        long blocks = (long) hp.dilations().size() * hp.kernelSize() * c * 2 * c;
        long heads = 0;
        for (TaggingHead head : TaggingHead.values()) {
            heads += c * head.labels().size();
        }
        return blocks + heads;
    }

    /** The body's states of padded character ids [batch, length]; {@code training} adds dropout. */
    public Encoded encode(Operand<TInt32> tokenIds, boolean training) {
        Operand<TFloat32> mask = characters.mask(tokenIds);
        Operand<TInt32> batchAndLength = tf.shape(tokenIds);
        Operand<TFloat32> states = characters.encode(tokenIds, tf.expandDims(mask, tf.constant(-1)), batchAndLength, training);
        return new Encoded(tokenIds, states, mask, batchAndLength);
    }

    /** A tagging head's CRF emissions [batch, length, tags]. */
    public Operand<TFloat32> emissions(TaggingHead head, Encoded encoded) {
        return taggers.get(head).emissions(encoded.states(), encoded.batchAndLength());
    }

    /** A tagging head's CRF: its transitions and loss. */
    public CrfHead tagger(TaggingHead head) {
        return taggers.get(head);
    }

    /** Masked mean and max of the states over the real characters: [batch, 2 × channels]. */
    public Operand<TFloat32> pooled(Encoded encoded) {
        return MaskedPooling.meanAndMax(tf, encoded.states(), encoded.mask());
    }

    /** The positive-sentiment logit of each text, [batch]; {@code training} adds dropout on the pooled features. */
    public Operand<TFloat32> sentimentLogit(Operand<TFloat32> pooled, boolean training) {
        Operand<TFloat32> logit = tf.math.add(tf.linalg.matMul(dropout.apply(pooled, training), sentiment.get(SENTIMENT_KERNEL)),
                sentiment.get(SENTIMENT_BIAS));
        return tf.reshape(logit, tf.constant(new int[] {-1}));
    }

    /**
     * L2-normalised embeddings [batch, dimension] of the texts: their {@link #pooled} features, with the bag's mean and
     * through the hidden layer where the head has them; {@code training} adds dropout before the hidden layer.
     */
    public Operand<TFloat32> embedding(Encoded encoded, Operand<TFloat32> pooled, boolean training) {
        Operand<TFloat32> features = pooled;
        if (hp.bagBuckets() > 0) {
            Operand<TFloat32> bag = tf.math.add(
                    tf.gather(similarityLayers.get(CHARACTER_BAG), encoded.ids(), tf.constant(0)),
                    tf.gather(similarityLayers.get(BIGRAM_BAG), characters.bigramIds(encoded.ids(), hp.bagBuckets()), tf.constant(0)));
            features = tf.concat(List.of(features, MaskedPooling.mean(tf, bag, encoded.mask())), tf.constant(-1));
        }
        if (hp.similarityHidden() > 0) {
            features = tf.nn.relu(tf.math.add(tf.linalg.matMul(dropout.apply(features, training),
                    similarityLayers.get(HIDDEN_KERNEL)), similarityLayers.get(HIDDEN_BIAS)));
        }
        return similarity.embed(features);
    }

    /** The similarity loss of a batch of pairs ({@link EmbeddingHead#loss}). */
    public Operand<TFloat32> similarityLoss(Operand<TFloat32> first, Operand<TFloat32> second, Operand<TFloat32> paraphrase,
                                            Operand<TFloat32> ranked) {
        return similarity.loss(first, second, paraphrase, ranked);
    }

    /**
     * The embedding distillation loss of the similarity head: {@code scale × mean(1 − cos(student, teacher))} over
     * the batch, pulling each text's embedding onto the teacher's (the two share their width: the student takes the
     * teacher's). Matching the vectors, not only in-batch similarities, teaches every pairwise similarity at once,
     * the close ones that decide a paraphrase among them; the AM-Softmax scale puts its gradients on the scale of
     * the gold pair loss's, where a mean squared difference of cosines was drowned by the CRF losses beside it.
     *
     * @param embeddings        the student's unit-length embeddings [batch, dimension]
     * @param teacherEmbeddings the teacher's unit-length embeddings [batch, dimension]
     */
    public Operand<TFloat32> embeddingDistillationLoss(Operand<TFloat32> embeddings, Operand<TFloat32> teacherEmbeddings) {
        Operand<TFloat32> cosines = tf.reduceSum(tf.math.mul(embeddings, teacherEmbeddings), tf.constant(1));
        Operand<TFloat32> distance = tf.math.sub(tf.constant(1f), tf.math.mean(cosines, tf.constant(0)));
        return tf.math.mul(tf.constant(hp.scale()), distance);
    }

    public StudentHyperParameters hyperParameters() {
        return hp;
    }
}
