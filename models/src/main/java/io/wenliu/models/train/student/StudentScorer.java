package io.wenliu.models.train.student;

import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.FloatTensors;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.similarity.SentenceTokenizer;
import io.wenliu.models.train.SequenceDecoder;
import io.wenliu.models.vocab.CharVocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs the student's serving branch ({@link StudentSignature}, found by op name) in a TF-Java session, the
 * trainer's or a loaded SavedModel's, on batches of texts sorted by length: tags with a head's dev decoder,
 * sentiment logits, embeddings. Texts are scored whole up to {@link #MAX_LENGTH} characters (a convolution
 * body has no length limit of its own). Borrows the session; not thread-safe.
 */
final class StudentScorer {
    /** Longest text scored; longer ones are cut. */
    static final int MAX_LENGTH = 1024;
    private static final int BATCH = 128;

    private final Session session;
    private final Graph graph;
    private final Operand<TInt32> ids;
    private final CharVocabulary vocabulary;
    private final SentenceTokenizer tokenizer;

    @SuppressWarnings("unchecked")
    StudentScorer(Graph graph, Session session, CharVocabulary vocabulary) {
        this.graph = graph;
        this.session = session;
        this.ids = (Operand<TInt32>) graph.outputOrThrow(StudentSignature.INPUT_TOKEN_IDS);
        this.vocabulary = vocabulary;
        this.tokenizer = new SentenceTokenizer(vocabulary, MAX_LENGTH);
    }

    @SuppressWarnings("unchecked")
    private Operand<TFloat32> output(String name) {
        return (Operand<TFloat32>) graph.outputOrThrow(name);
    }

    /** The best tag path of each sequence under {@code head}'s dev decoder (the gold tags are not read otherwise). */
    List<int[]> tag(TaggingHead head, List<TaggedSequence> sequences) {
        SequenceDecoder decoder = StudentTasks.of(head).devDecoder();
        int k = head.labels().size();
        float[] transitions = values(session.runner().fetch(output(head.transitionsOutput())));
        int[][] predicted = new int[sequences.size()][];
        forBatches(sequences.size(), i -> sequences.get(i).length(), (order, width, flat) -> {
            for (int b = 0; b < order.size(); b++) {
                int[] cps = sequences.get(order.get(b)).codePoints();
                for (int t = 0; t < Math.min(cps.length, width); t++) {
                    flat[b * width + t] = vocabulary.id(cps[t]);
                }
            }
            float[] scores = run(flat, order.size(), width, head.emissionsOutput());
            for (int b = 0; b < order.size(); b++) {
                TaggedSequence sequence = sequences.get(order.get(b));
                int length = Math.min(sequence.length(), width);
                int[] tags = decoder.decode(Arrays.copyOfRange(scores, b * width * k, (b * width + length) * k), transitions,
                        sequence.length() == length ? sequence : new TaggedSequence(Arrays.copyOf(sequence.codePoints(), length),
                                Arrays.copyOf(sequence.tags(), length)));
                predicted[order.get(b)] = Arrays.copyOf(tags, sequence.length()); // past MAX_LENGTH: tag 0
            }
        });
        return List.of(predicted);
    }

    /** The positive-sentiment logit of each text. */
    float[] sentimentLogits(List<String> texts) {
        float[] logits = new float[texts.size()];
        pooled(texts, StudentSignature.OUTPUT_SENTIMENT_LOGIT, (i, row) -> logits[i] = row[0]);
        return logits;
    }

    /** The L2-normalised embedding of each text. */
    float[][] embeddings(List<String> texts) {
        float[][] embeddings = new float[texts.size()][];
        pooled(texts, StudentSignature.OUTPUT_EMBEDDING, (i, row) -> embeddings[i] = row);
        return embeddings;
    }

    private interface RowSink {
        void accept(int index, float[] row);
    }

    private void pooled(List<String> texts, String output, RowSink sink) {
        List<int[]> rows = new ArrayList<>(texts.size());
        texts.forEach(t -> rows.add(tokenizer.ids(t)));
        forBatches(rows.size(), i -> rows.get(i).length, (order, width, flat) -> {
            for (int b = 0; b < order.size(); b++) {
                int[] row = rows.get(order.get(b));
                System.arraycopy(row, 0, flat, b * width, row.length);
            }
            float[] values = run(flat, order.size(), width, output);
            int perRow = values.length / order.size();
            for (int b = 0; b < order.size(); b++) {
                sink.accept(order.get(b), Arrays.copyOfRange(values, b * perRow, (b + 1) * perRow));
            }
        });
    }

    private interface BatchBody {
        void run(List<Integer> order, int width, int[] flat);
    }

    /** Calls {@code body} on batches of indices sorted by length, with a zeroed id matrix of the batch's width. */
    private static void forBatches(int count, IntFunction<Integer> length, BatchBody body) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(length::apply));
        for (int from = 0; from < count; from += BATCH) {
            List<Integer> batch = order.subList(from, Math.min(count, from + BATCH));
            int width = Math.max(1, Math.min(MAX_LENGTH, length.apply(batch.get(batch.size() - 1))));
            body.run(batch, width, new int[batch.size() * width]);
        }
    }

    private float[] run(int[] flat, int batch, int width, String output) {
        try (TInt32 input = TInt32.tensorOf(Shape.of(batch, width), DataBuffers.of(flat, true, false))) {
            return values(session.runner().feed(ids, input).fetch(output(output)));
        }
    }

    private static float[] values(Session.Runner runner) {
        try (Result result = runner.run()) {
            return FloatTensors.values((TFloat32) result.get(0));
        }
    }
}
