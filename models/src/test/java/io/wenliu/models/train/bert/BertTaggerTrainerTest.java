package io.wenliu.models.train.bert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.train.NerTask;
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
 * Fine-tuning a CRF tagger on a tiny random encoder (bge's vocabulary and tokenizer): it overfits a
 * handful of NER sentences (the loss falls and Viterbi decoding gives back the gold tags, Latin runs
 * and a sentence cut into chunks included), and a run stopped by its time budget and resumed from
 * its checkpoint ends in the same weights and scores as a run that was never stopped.
 */
class BertTaggerTrainerTest {
    private static final BertConfig TINY = new BertConfig(21128, 16, 2, 2, 32, 64, 2);
    private static final NerTask NER = NerTask.msra();
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

    /** A sentence from "text|tags", one tag letter per character: O, P(ER), L(OC), G (ORG); B/I from runs. */
    private static TaggedSequence sentence(String text, String types) {
        int[] codePoints = text.codePoints().toArray();
        int[] tags = new int[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            char type = types.charAt(i);
            String label = switch (type) {
                case 'P' -> "PER";
                case 'L' -> "LOC";
                case 'G' -> "ORG";
                default -> null;
            };
            tags[i] = label == null ? NER.labels().id("O")
                    : NER.labels().id((i > 0 && types.charAt(i - 1) == type ? "I-" : "B-") + label);
        }
        return new TaggedSequence(codePoints, tags);
    }

    private static List<TaggedSequence> sentences() {
        return List.of(
                sentence("张三在北京工作。", "PPOLLOOO"),
                sentence("李四去了上海和南京。", "PPOOLLOLLO"),
                sentence("微软公司用iPhone开会。", "GGGGOOOOOOOOOO"),
                sentence("王五说新华社在杭州。", "PPOGGGOLLO"),
                sentence("我们明天去广州看赵六。", "OOOOOLLOPPO"),
                sentence("今天天气很好。北京大学的学生去了天津。", "OOOOOOOGGGGOOOOOLLO"));
    }

    private static BertFineTuning settings(int epochs, Duration budget) {
        // 12 pieces per chunk: the last sentence is cut into two chunks at its full stop
        return new BertFineTuning(4, 14, epochs, 5e-3f, 0.1f, 0.01f, 1f, 0f, 3L, 1000, budget);
    }

    @Test
    void shouldOverfitAHandfulOfSentences(@TempDir Path dir) {
        BertTaggerTrainer trainer = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(60, Duration.ofMinutes(5)), new FineTuningCheckpoint(dir));

        BertTaggerTrainer.Outcome outcome = trainer.train(sentences(), sentences(), sentences());

        assertThat(trainer.examples(sentences())).as("chunks").hasSizeGreaterThan(sentences().size());
        assertThat(outcome.finished()).isTrue();
        List<Double> losses = outcome.epochLosses();
        assertThat(losses.get(losses.size() - 1)).as("%s", losses).isLessThan(losses.get(0) * 0.1);
        assertThat(outcome.validationScore()).as("%s", outcome.validation()).isEqualTo(1.0);
        assertThat(outcome.dev().get(NER.evaluator().primaryMetric())).as("%s", outcome.dev()).isEqualTo(1.0);
        assertThat(outcome.weights()).doesNotContainKey("embeddings.word_embeddings.weight") // frozen
                .containsKeys("tagger.weight", "tagger.bias", "transitions", "encoder.layer.1.output.LayerNorm.bias");
    }

    @Test
    void shouldEndInTheSameWeightsWhenStoppedAndResumed(@TempDir Path once, @TempDir Path twice) {
        List<TaggedSequence> train = new ArrayList<>(sentences());
        BertTaggerTrainer.Outcome straight = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(2, Duration.ofMinutes(5)), new FineTuningCheckpoint(once)).train(train, train, train);

        BertTaggerTrainer.Outcome stopped = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(2, Duration.ZERO), new FineTuningCheckpoint(twice)).train(train, train, train);
        BertTaggerTrainer.Outcome resumed = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(2, Duration.ofMinutes(5)), new FineTuningCheckpoint(twice)).train(train, train, train);

        assertThat(stopped.finished()).isFalse();
        assertThat(stopped.dev()).isEmpty();
        assertThat(stopped.steps()).isEqualTo(1);
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.steps()).isEqualTo(straight.steps());
        assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
        assertThat(resumed.dev()).isEqualTo(straight.dev());
        straight.weights().forEach((name, values) ->
                assertThat(resumed.weights().get(name)).as(name).containsExactly(values, Offset.offset(1e-5f)));
    }
}
