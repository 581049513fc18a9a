package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Tags sequences with a TF-Java session holding a tagger network: the trainer's inference branch,
 * or an exported SavedModel loaded back (to check an export and to score extra dev sets). Batches
 * sequences of similar length. Borrows the session; not thread-safe.
 */
final class SessionTagger {
    private static final int BATCH = 256;

    private final Session session;
    private final Operand<TInt32> ids;
    private final Operand<TFloat32> emissions;
    private final Operand<TFloat32> transitions;
    private final TaggerInput input;
    private final int numTags;
    private final SequenceDecoder decoder;

    SessionTagger(Session session, Operand<TInt32> ids, Operand<TFloat32> emissions, Operand<TFloat32> transitions,
                  TaggerInput input, int numTags, SequenceDecoder decoder) {
        this.session = session;
        this.ids = ids;
        this.emissions = emissions;
        this.transitions = transitions;
        this.input = input;
        this.numTags = numTags;
        this.decoder = decoder;
    }

    /** A tagger over an exported artifact's {@code saved_model/} loaded with TF-Java. */
    @SuppressWarnings("unchecked")
    static SessionTagger of(SavedModelBundle bundle, TaggerInput input, int numTags, SequenceDecoder decoder) {
        var graph = bundle.graph();
        return new SessionTagger(bundle.session(),
                (Operand<TInt32>) graph.outputOrThrow(SavedModelExporter.INPUT_TOKEN_IDS),
                (Operand<TFloat32>) graph.outputOrThrow(SavedModelExporter.OUTPUT_EMISSIONS),
                (Operand<TFloat32>) graph.outputOrThrow(SavedModelExporter.OUTPUT_TRANSITIONS),
                input, numTags, decoder);
    }

    /** The best tag path of each sequence (its tags are ignored). */
    List<int[]> predict(List<TaggedSequence> sequences) {
        int[][] predicted = new int[sequences.size()][];
        Integer[] order = new Integer[sequences.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> sequences.get(i).length()));
        int k = numTags;
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            int width = Math.max(1, sequences.get(order[to - 1]).length());
            int[] flat = new int[(to - from) * width];
            for (int b = from; b < to; b++) {
                int[] ids = input.ids(sequences.get(order[b]));
                System.arraycopy(ids, 0, flat, (b - from) * width, ids.length);
            }
            try (TInt32 input = TInt32.tensorOf(Shape.of(to - from, width), DataBuffers.of(flat, true, false));
                 Result result = session.runner().feed(ids, input).fetch(emissions).fetch(transitions).run()) {
                float[] scores = FloatTensors.values((TFloat32) result.get(0));
                float[] transitionScores = FloatTensors.values((TFloat32) result.get(1));
                for (int b = from; b < to; b++) {
                    TaggedSequence sequence = sequences.get(order[b]);
                    float[] own = Arrays.copyOfRange(scores, (b - from) * width * k,
                            ((b - from) * width + sequence.length()) * k);
                    predicted[order[b]] = decoder.decode(own, transitionScores, sequence);
                }
            }
        }
        return List.of(predicted);
    }
}
