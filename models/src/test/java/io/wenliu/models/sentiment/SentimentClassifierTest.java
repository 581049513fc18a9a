package io.wenliu.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.vocab.CharVocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentClassifierTest {
    private static final CharVocabulary VOCABULARY = CharVocabulary.of("好差".codePoints().boxed().toList());
    private static final int GOOD = VOCABULARY.id('好');
    private static final int BAD = VOCABULARY.id('差');

    private final List<int[]> shapes = new ArrayList<>();

    /** Logit of a chunk: +2 when it holds 好, −1 when it holds 差 (else 0); records each call's shape. */
    private float[] network(int[] ids, int batch, int length) {
        shapes.add(new int[] {batch, length});
        float[] logits = new float[batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                int id = ids[b * length + t];
                if (id == GOOD) {
                    logits[b] = 2f;
                } else if (id == BAD) {
                    logits[b] = -1f;
                }
            }
        }
        return logits;
    }

    @Test
    void shouldCombineChunksByTheLengthWeightedMeanOfTheirLogits() throws Exception {
        SentimentClassifier classifier = new SentimentClassifier(VOCABULARY, new SentimentChunker(4), this::network, 8);

        // chunks "好。" (2 chars, logit 2) and "很差很差" (4 chars, logit −1): (2·2 − 4) / 6 = 0
        SentimentPrediction mixed = classifier.classify(List.of("好。很差很差")).get(0);
        assertThat(mixed.positiveProbability()).isCloseTo(0.5f, within(1e-6f));
        assertThat(mixed.chunks()).isEqualTo(2);

        SentimentPrediction good = classifier.classify(List.of("好")).get(0);
        assertThat((double) good.positiveProbability()).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-6));
        assertThat(good.label()).isEqualTo(1);
    }

    @Test
    void shouldAnswerOneHalfForATextWithoutCharactersWithoutCallingTheNetwork() throws Exception {
        SentimentClassifier classifier = new SentimentClassifier(VOCABULARY, new SentimentChunker(4), this::network, 8);

        List<SentimentPrediction> predictions = classifier.classify(List.of(" \n", ""));

        assertThat(predictions).extracting(SentimentPrediction::positiveProbability).containsExactly(0.5f, 0.5f);
        assertThat(predictions.get(0).isPositive()).isTrue(); // the documented threshold: p >= 0.5
        assertThat(shapes).isEmpty();
    }

    @Test
    void shouldBatchChunksOfSimilarLengthAndKeepTheInputOrder() throws Exception {
        SentimentClassifier classifier = new SentimentClassifier(VOCABULARY, new SentimentChunker(64), this::network, 2);

        List<SentimentPrediction> predictions = classifier.classify(List.of("差差差差差差", "好", "差", "好好好好好"));

        assertThat(predictions).extracting(SentimentPrediction::label).containsExactly(0, 1, 0, 1);
        assertThat(shapes).extracting(s -> s[0] + "x" + s[1]).containsExactly("2x1", "2x6");
    }

    @Test
    void shouldNotPadShortChunksToTheLengthOfLongOnes() throws Exception {
        SentimentClassifier classifier = new SentimentClassifier(VOCABULARY, new SentimentChunker(64), this::network, 256);

        classifier.classify(List.of("好".repeat(10), "差".repeat(12), "好".repeat(16), "差".repeat(40), "好".repeat(60)));

        // 12 is within 1.5 × 10 but 16 is not; 60 is within 1.5 × 40
        assertThat(shapes).extracting(s -> s[0] + "x" + s[1]).containsExactly("2x12", "1x16", "2x60");
    }
}
