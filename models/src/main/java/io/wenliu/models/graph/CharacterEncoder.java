package io.wenliu.models.graph;

import io.wenliu.models.vocab.WordPositions;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The body of Su Jianlin's dilated gated CNN (DGCNN, kexue.fm/archives/5409) that the tagger, the
 * classifier and the sentence encoder share: padded character ids in, one state per character out.
 *
 * <ol>
 *   <li>character embeddings, concatenated (when {@code bigramBuckets > 0}) with embeddings of each
 *       character's bigram with the next one, hashed into buckets inside the graph so that serving
 *       takes only character ids; masked at padding (id 0);</li>
 *   <li>residual gated blocks {@code x + σ(g) ⊙ (a − x)} where {@code [a; g]} is a dilated 1-D
 *       convolution of {@code x}; the dilation is built by im2col (Pad, shifted Slices, ConcatV2,
 *       MatMul) because the C API's Conv2D gradient ignores dilations;</li>
 *   <li>optionally (for taggers given the words) an embedding of each character's position in its word,
 *       added to the above; the input ids then carry it ({@link WordPositions});</li>
 *   <li>{@link SeededDropout} on the embeddings and on every block's output while training.</li>
 * </ol>
 *
 * <p>The parameter names are those of the committed artifacts and of {@code WarmStart}. They are
 * declared in the constructor, before the network's own layers, in a fixed order, because the
 * declaration order decides which seeded initial values each parameter gets. Every op here has a
 * gradient check through the networks' gradient tests. Not thread-safe; used while a graph is built.
 */
public final class CharacterEncoder {
    public static final String EMBEDDINGS = "embeddings";
    public static final String BIGRAM_EMBEDDINGS = "bigram_embeddings";
    public static final String WORD_POSITION_EMBEDDINGS = "word_position_embeddings";
    /** Multipliers of the bigram hash; int32 arithmetic wraps, which a hash does not mind. */
    private static final int HASH_LEFT = 1_000_003;
    private static final int HASH_RIGHT = 7_919;

    /**
     * @param charDim       width of the character embeddings
     * @param bigramBuckets hashed bigram embedding rows (0: no bigram features)
     * @param bigramDim     width of the bigram embeddings, concatenated to the character embeddings
     * @param dilations     one residual gated block per entry, with that dilation rate
     * @param kernelSize    taps of each convolution (odd)
     * @param wordPositions whether the ids also carry word positions ({@link WordPositions#pack})
     */
    public record Settings(int charDim, int bigramBuckets, int bigramDim, List<Integer> dilations, int kernelSize,
                           boolean wordPositions) {
        public Settings {
            dilations = List.copyOf(dilations);
        }

        /** Settings of an encoder that takes character ids only. */
        public Settings(int charDim, int bigramBuckets, int bigramDim, List<Integer> dilations, int kernelSize) {
            this(charDim, bigramBuckets, bigramDim, dilations, kernelSize, false);
        }

        /** Width of the embeddings and of every block: characters and bigrams concatenated. */
        public int channels() {
            return charDim + (bigramBuckets > 0 ? bigramDim : 0);
        }
    }

    private final Ops tf;
    private final Settings settings;
    private final ParameterSource params;
    private final SeededDropout dropout;
    private final int vocabularySize;

    /** Declares the embeddings and the blocks' weights in {@code params}. */
    public CharacterEncoder(Ops tf, Settings settings, int vocabularySize, ParameterSource params, SeededDropout dropout) {
        this.tf = tf;
        this.settings = settings;
        this.params = params;
        this.dropout = dropout;
        this.vocabularySize = vocabularySize;
        int c = settings.channels();
        params.declare(EMBEDDINGS, vocabularySize, settings.charDim());
        if (settings.bigramBuckets() > 0) {
            params.declare(BIGRAM_EMBEDDINGS, settings.bigramBuckets(), settings.bigramDim());
        }
        for (int i = 0; i < settings.dilations().size(); i++) {
            params.declare(blockKernel(i), (long) settings.kernelSize() * c, 2L * c);
            params.declare(blockBias(i), 2L * c);
        }
        if (settings.wordPositions()) { // declared last: the other parameters keep their seeded initial values
            params.declare(WORD_POSITION_EMBEDDINGS, WordPositions.COUNT, c);
        }
    }

    public static String blockKernel(int block) {
        return "block" + block + "_kernel";
    }

    public static String blockBias(int block) {
        return "block" + block + "_bias";
    }

    /** 1.0 at real characters, 0.0 at padding; shape [batch, length]. */
    public Operand<TFloat32> mask(Operand<TInt32> tokenIds) {
        return tf.dtypes.cast(tf.math.notEqual(tokenIds, tf.constant(0)), TFloat32.class);
    }

    /**
     * Character states [batch, length, channels], zero at padding; {@code training} adds dropout.
     * The caller passes the mask and shape it also uses itself, so each is computed once per input.
     *
     * @param mask3          {@link #mask} of {@code tokenIds} with a trailing axis: [batch, length, 1]
     * @param batchAndLength {@code tf.shape(tokenIds)}
     */
    public Operand<TFloat32> encode(Operand<TInt32> tokenIds, Operand<TFloat32> mask3, Operand<TInt32> batchAndLength,
                                    boolean training) {
        Operand<TInt32> charIds = settings.wordPositions()
                ? tf.math.floorMod(tokenIds, tf.constant(vocabularySize)) : tokenIds;
        Operand<TFloat32> embedded = tf.gather(params.get(EMBEDDINGS), charIds, tf.constant(0));
        if (settings.bigramBuckets() > 0) {
            embedded = tf.concat(List.of(embedded,
                    tf.gather(params.get(BIGRAM_EMBEDDINGS), bigramIds(charIds), tf.constant(0))), tf.constant(-1));
        }
        if (settings.wordPositions()) {
            Operand<TInt32> positions = tf.math.floorDiv(tokenIds, tf.constant(vocabularySize));
            embedded = tf.math.add(embedded, tf.gather(params.get(WORD_POSITION_EMBEDDINGS), positions, tf.constant(0)));
        }
        Operand<TFloat32> x = dropout.apply(tf.math.mul(embedded, mask3), training);
        for (int i = 0; i < settings.dilations().size(); i++) {
            x = gatedBlock(x, mask3, batchAndLength, i, settings.dilations().get(i), training);
        }
        return x;
    }

    private Operand<TFloat32> gatedBlock(Operand<TFloat32> x, Operand<TFloat32> mask3, Operand<TInt32> batchAndLength,
                                         int block, int dilation, boolean training) {
        int c = settings.channels();
        Operand<TFloat32> columns = dilatedColumns(tf, x, batchAndLength, settings.kernelSize(), dilation);
        Operand<TFloat32> flat = tf.reshape(columns, tf.constant(new int[] {-1, settings.kernelSize() * c}));
        Operand<TFloat32> both = tf.math.add(tf.linalg.matMul(flat, params.get(blockKernel(block))), params.get(blockBias(block)));
        Operand<TInt32> shape3 = tf.concat(List.of(batchAndLength, tf.constant(new int[] {c})), tf.constant(0));
        Operand<TFloat32> candidate = tf.reshape(tf.slice(both, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, c})), shape3);
        Operand<TFloat32> gate = tf.math.sigmoid(
                tf.reshape(tf.slice(both, tf.constant(new int[] {0, c}), tf.constant(new int[] {-1, c})), shape3));
        Operand<TFloat32> out = tf.math.add(x, tf.math.mul(gate, tf.math.sub(candidate, x)));
        return dropout.apply(tf.math.mul(out, mask3), training);
    }

    /**
     * Hash bucket of each character together with the next one (padding after the last), in
     * [0, bigramBuckets). Computed in the graph so that serving needs only character ids.
     */
    Operand<TInt32> bigramIds(Operand<TInt32> tokenIds) {
        return bigramIds(tokenIds, settings.bigramBuckets());
    }

    /** As {@link #bigramIds(Operand)}, into {@code buckets} buckets (for another table of bigram features). */
    public Operand<TInt32> bigramIds(Operand<TInt32> tokenIds, int buckets) {
        Operand<TInt32> next = tf.pad(tf.slice(tokenIds, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, -1})),
                tf.constant(new int[][] {{0, 0}, {0, 1}}), tf.constant(0));
        Operand<TInt32> hash = tf.math.add(tf.math.mul(tokenIds, tf.constant(HASH_LEFT)), tf.math.mul(next, tf.constant(HASH_RIGHT)));
        return tf.math.floorMod(hash, tf.constant(buckets));
    }

    /**
     * For each position, the kernel's taps at distance {@code dilation} concatenated on the channel
     * axis: [batch, length, kernel × channels]. Zero padding keeps the length.
     */
    public static Operand<TFloat32> dilatedColumns(Ops tf, Operand<TFloat32> x, Operand<TInt32> batchAndLength, int kernelSize,
                                                   int dilation) {
        int reach = kernelSize / 2 * dilation;
        Operand<TFloat32> padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {reach, reach}, {0, 0}}), tf.constant(0f));
        Operand<TInt32> length = tf.slice(batchAndLength, tf.constant(new int[] {1}), tf.constant(new int[] {1}));
        Operand<TInt32> size = tf.concat(List.of(tf.constant(new int[] {-1}), length, tf.constant(new int[] {-1})), tf.constant(0));
        List<Operand<TFloat32>> taps = new ArrayList<>();
        for (int k = 0; k < kernelSize; k++) {
            taps.add(tf.slice(padded, tf.constant(new int[] {0, k * dilation, 0}), size));
        }
        return tf.concat(taps, tf.constant(-1));
    }
}
