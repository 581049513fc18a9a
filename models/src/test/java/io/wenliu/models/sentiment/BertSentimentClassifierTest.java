package io.wenliu.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.bert.BertTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertSentimentClassifierTest {
    private static BertTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = BertTokenizer.bgeSmallZh();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** A network whose logit is the number of real pieces of the row, recording the calls it gets. */
    private static final class CountingNetwork implements ChunkLogits {
        final List<int[]> shapes = new ArrayList<>();

        @Override
        public float[] logits(int[] tokenIds, int batch, int length) {
            shapes.add(new int[] {batch, length});
            float[] logits = new float[batch];
            for (int b = 0; b < batch; b++) {
                assertThat(tokenIds[b * length]).isEqualTo(101); // [CLS] first
                int real = 0;
                for (int t = 0; t < length; t++) {
                    real += tokenIds[b * length + t] != 0 ? 1 : 0;
                }
                logits[b] = real - 2; // pieces between [CLS] and [SEP]
            }
            return logits;
        }
    }

    @Test
    void shouldScoreEachDocumentFromItsChunksAndEmptyOnesAtOneHalf() throws Exception {
        CountingNetwork network = new CountingNetwork();
        BertSentimentClassifier classifier = new BertSentimentClassifier(tokenizer, network, 2);

        List<SentimentPrediction> predictions = classifier.classify(List.of("好", " ", "很好很好。"));

        assertThat(predictions.get(0).positiveProbability()).isCloseTo((float) SentimentPrediction.sigmoid(1), Offset.offset(1e-6f));
        assertThat(predictions.get(1).positiveProbability()).isEqualTo(0.5f);
        assertThat(predictions.get(1).chunks()).isZero();
        assertThat(predictions.get(2).positiveProbability()).isCloseTo((float) SentimentPrediction.sigmoid(5), Offset.offset(1e-6f));
        assertThat(network.shapes).hasSize(1);
        assertThat(network.shapes.get(0)).containsExactly(2, 7);
    }

    @Test
    void shouldCutLongDocumentsIntoChunksTheEncoderCanRead() throws Exception {
        CountingNetwork network = new CountingNetwork();
        BertSentimentClassifier classifier = new BertSentimentClassifier(tokenizer, network, 8);

        SentimentPrediction prediction = classifier.classify(List.of("今天天气很好。".repeat(100))).get(0);

        assertThat(prediction.chunks()).isEqualTo(2);
        assertThat(network.shapes.get(0)[1]).isLessThanOrEqualTo(512);
        // the piece-weighted mean of logits 504 and 196
        assertThat(prediction.positiveProbability()).isEqualTo(1f);
    }
}
