package io.wenliu.models.train.bert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.train.classifier.LabeledText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning on a tiny random encoder (bge's vocabulary, 2 layers of width 16): the loss falls and
 * the classifier learns a trivially separable task; a run stopped by its time budget and resumed from
 * its checkpoint ends in the same weights as a run that was never stopped.
 */
class BertClassifierTrainerTest {
    private static final BertConfig TINY = new BertConfig(21128, 16, 2, 2, 32, 64, 2);
    private static BertTokenizer tokenizer;
    private static BertWeights weights;

    @BeforeAll
    static void tinyEncoder() {
        tokenizer = BertTokenizer.bgeSmallZh();
        weights = TinyBert.randomWeights(TINY, new Random(5));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static List<LabeledText> texts(int count, long seed) {
        String[] good = {"好", "棒", "赞", "喜欢", "满意"};
        String[] bad = {"差", "烂", "糟", "讨厌", "失望"};
        Random random = new Random(seed);
        List<LabeledText> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            String[] words = label == 1 ? good : bad;
            StringBuilder text = new StringBuilder("这个东西");
            for (int w = 0; w < 1 + random.nextInt(3); w++) {
                text.append(words[random.nextInt(words.length)]);
            }
            texts.add(new LabeledText("test", text.append("。").toString(), label));
        }
        return texts;
    }

    private static BertFineTuning settings(int epochs, float dropout, Duration budget) {
        return new BertFineTuning(8, 32, epochs, 3e-3f, 0.1f, 0.01f, 1f, dropout, 1f, 3L, 1000, budget);
    }

    @Test
    void shouldLowerTheLossAndLearnASeparableTask(@TempDir Path dir) {
        BertClassifierTrainer trainer = new BertClassifierTrainer(weights, TINY, tokenizer,
                settings(24, 0.1f, Duration.ofMinutes(5)), new FineTuningCheckpoint(dir));

        BertClassifierTrainer.Outcome outcome = trainer.train(texts(64, 1), texts(32, 2), texts(32, 3));

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.epochLosses()).as("%s", outcome.epochLosses()).hasSize(24);
        assertThat(outcome.epochLosses().get(23)).as("%s", outcome.epochLosses()).isLessThan(outcome.epochLosses().get(0) * 0.5);
        assertThat(outcome.validationAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(outcome.devAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(outcome.weights()).doesNotContainKey("embeddings.word_embeddings.weight") // frozen
                .containsKeys("classifier.weight", "encoder.layer.1.output.LayerNorm.bias");
    }

    @Test
    void shouldEndInTheSameWeightsWhenStoppedAndResumed(@TempDir Path once, @TempDir Path twice) {
        List<LabeledText> train = texts(48, 1);
        List<LabeledText> validation = texts(16, 2);
        BertClassifierTrainer.Outcome straight = new BertClassifierTrainer(weights, TINY, tokenizer,
                settings(2, 0f, Duration.ofMinutes(5)), new FineTuningCheckpoint(once)).train(train, validation, validation);

        BertClassifierTrainer.Outcome stopped = new BertClassifierTrainer(weights, TINY, tokenizer,
                settings(2, 0f, Duration.ZERO), new FineTuningCheckpoint(twice)).train(train, validation, validation);
        BertClassifierTrainer.Outcome resumed = new BertClassifierTrainer(weights, TINY, tokenizer,
                settings(2, 0f, Duration.ofMinutes(5)), new FineTuningCheckpoint(twice)).train(train, validation, validation);

        assertThat(stopped.finished()).isFalse();
        assertThat(stopped.devAccuracy()).isNaN();
        assertThat(stopped.steps()).isEqualTo(1);
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.steps()).isEqualTo(straight.steps());
        assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
        assertThat(resumed.devAccuracy()).isEqualTo(straight.devAccuracy());
        straight.weights().forEach((name, values) ->
                assertThat(resumed.weights().get(name)).as(name).containsExactly(values, Offset.offset(1e-5f)));
    }
}
