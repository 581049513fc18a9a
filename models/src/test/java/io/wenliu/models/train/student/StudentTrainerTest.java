package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.train.bert.FineTuningCheckpoint;
import io.wenliu.models.vocab.CharVocabulary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-task student on a handful of synthetic examples per task: every head's training loss falls
 * and the tasks are learnt (sentiment, separable by one character, perfectly); a run stopped by its time
 * budget and resumed from its checkpoint ends in the same weights and scores as a run never stopped.
 */
class StudentTrainerTest {
    private static final StudentCorpora TINY = TinyStudentCorpora.corpora();
    private static final CharVocabulary VOCABULARY = TINY.vocabulary(1);

    private static StudentHyperParameters settings(int epochs) {
        return new StudentHyperParameters(16, 64, 8, List.of(1, 2), 3, 0f, 16, 10f, 0.2f,
                1e-2f, 0.05f, 4, epochs, List.of(8, 16), 16, 1, 3L, 1000);
    }

    private static StudentTrainer.Outcome train(int epochs, Duration budget, Path checkpoint) {
        return new StudentTrainer(settings(epochs), VOCABULARY, new FineTuningCheckpoint(checkpoint), budget)
                .train(TINY, TINY, TINY);
    }

    @Test
    void shouldLowerEveryHeadsLossAndLearnTheTasks(@TempDir Path dir) {
        StudentTrainer.Outcome outcome = train(40, Duration.ofMinutes(5), dir);

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.stepsPerEpoch()).containsOnlyKeys("segmentation", "pos", "ner", "sentiment", "similarity");
        assertThat(outcome.taskLosses()).containsOnlyKeys("segmentation", "pos", "ner", "sentiment", "similarity");
        outcome.taskLosses().forEach((task, losses) ->
                assertThat(losses.get(losses.size() - 1)).as("%s losses %s", task, losses).isLessThan(losses.get(0) * 0.3));
        Map<String, Double> validation = outcome.validation();
        assertThat(validation.get(StudentEvaluation.SENTIMENT_ACCURACY)).as("%s", validation).isEqualTo(1.0);
        assertThat(validation.get("segmentation.f1")).as("%s", validation).isEqualTo(1.0);
        assertThat(outcome.validationScore()).as("%s", validation).isGreaterThan(0.9);
        assertThat(outcome.dev()).containsKeys(StudentEvaluation.MEAN, "ner.f1", "pos.accuracy", StudentEvaluation.SIMILARITY_ACCURACY);
    }

    @Test
    void shouldEndInTheSameWeightsWhenStoppedAndResumed(@TempDir Path once, @TempDir Path twice) {
        StudentTrainer.Outcome straight = train(2, Duration.ofMinutes(5), once);

        StudentTrainer.Outcome stopped = train(2, Duration.ZERO, twice);
        StudentTrainer.Outcome resumed = train(2, Duration.ofMinutes(5), twice);

        assertThat(stopped.finished()).isFalse();
        assertThat(stopped.steps()).isEqualTo(1);
        assertThat(stopped.dev()).isEmpty();
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.steps()).isEqualTo(straight.steps());
        assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
        assertThat(resumed.validation()).isEqualTo(straight.validation());
        assertThat(resumed.dev()).isEqualTo(straight.dev());
        straight.weights().forEach((name, values) ->
                assertThat(resumed.weights().get(name)).as(name).containsExactly(values, Offset.offset(1e-5f)));
    }
}
