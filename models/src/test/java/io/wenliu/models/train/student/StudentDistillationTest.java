package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.graph.PrefixedParameters;
import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.train.FedParameters;
import io.wenliu.models.train.bert.FineTuningCheckpoint;
import io.wenliu.models.vocab.CharVocabulary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The student learns from teacher targets alone: trained on no gold example, only on a cache written from
 * {@link FixedTeachers} (a tagger sure of a tag fixed by each character, a sentiment and a similarity teacher), its
 * distillation loss falls, its segmentation head gives back the fixed tagger's tags and its embedding points where
 * the similarity teacher's does, on the cached texts and on texts it never saw. Validation stays on the gold
 * examples. A run with gold steps and two caches' distillation steps (a task each), stopped by its budget and resumed,
 * ends in the weights of a run never stopped; it has the similarity head's hidden layer and bag, so they resume too.
 */
class StudentDistillationTest {
    private static final String ALPHABET = "天地人山水火木金土日月风好差";
    private static final StudentCorpora GOLD = TinyStudentCorpora.corpora();
    private static final StudentCorpora NO_GOLD = new StudentCorpora(Map.of(), List.of(), List.of());
    private static final StudentHyperParameters HP = new StudentHyperParameters(16, 64, 8, List.of(1, 2), 3, 0f, 2, 10f, 0.2f,
            1e-2f, 0.05f, 8, 25, List.of(8, 16), 16, 1, 3L, 1000);

    private static List<String> texts(int count, long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int length = 3 + random.nextInt(13);
            for (int c = 0; c < length; c++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }

    @Test
    void shouldLearnTheTeachersTagsFromDistillationAlone(@TempDir Path cache, @TempDir Path checkpoint) throws Exception {
        List<String> texts = texts(64, 1);
        FixedTeachers.writeCache(cache, texts, 16);
        CharVocabulary vocabulary = vocabulary(texts);

        StudentTrainer.Outcome outcome;
        try (TeacherTargets targets = TeacherTargets.open(cache)) {
            DistillationSet distillation = DistillationSet.of(targets, 1f, GOLD, HP.maxLength());
            outcome = new StudentTrainer(HP, vocabulary, new FineTuningCheckpoint(checkpoint), Duration.ofMinutes(5))
                    .train(NO_GOLD, GOLD, GOLD, distillation);
        }

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.stepsPerEpoch()).containsOnlyKeys(StudentBatch.Distilled.TASK);
        List<Double> losses = outcome.taskLosses().get(StudentBatch.Distilled.TASK);
        assertThat(losses.get(losses.size() - 1)).as("%s", losses).isLessThan(losses.get(0) * 0.3);
        assertThat(outcome.validation()).containsKey(StudentEvaluation.MEAN);
        assertThat(agreement(outcome.weights(), vocabulary, texts)).isEqualTo(1.0);
        assertThat(agreement(outcome.weights(), vocabulary, texts(32, 2))).isGreaterThan(0.95);
        assertThat(meanCosineToTheTeacher(outcome.weights(), vocabulary, texts(32, 2))).isGreaterThan(0.9);
    }

    @Test
    void shouldEndInTheSameWeightsWhenADistillingRunIsStoppedAndResumed(@TempDir Path cache, @TempDir Path questions,
                                                                       @TempDir Path once, @TempDir Path twice) throws Exception {
        List<String> texts = texts(24, 3);
        List<String> more = texts(16, 4);
        FixedTeachers.writeCache(cache, texts, 16);
        FixedTeachers.writeCache(questions, more, 16);
        List<String> all = new ArrayList<>(texts);
        all.addAll(more);
        CharVocabulary vocabulary = vocabulary(all);
        StudentHyperParameters hp = HP.withEpochs(2).withSimilarityHead(4, 16, 3);

        StudentTrainer.Outcome straight;
        StudentTrainer.Outcome stopped;
        StudentTrainer.Outcome resumed;
        try (TeacherTargets first = TeacherTargets.open(cache); TeacherTargets second = TeacherTargets.open(questions)) {
            List<DistillationSet> distillations = List.of(DistillationSet.of(first, 1f, GOLD, hp.maxLength()),
                    DistillationSet.of(second, 1f, GOLD, hp.maxLength()));
            straight = new StudentTrainer(hp, vocabulary, new FineTuningCheckpoint(once), Duration.ofMinutes(5))
                    .train(GOLD, GOLD, GOLD, distillations);
            stopped = new StudentTrainer(hp, vocabulary, new FineTuningCheckpoint(twice), Duration.ZERO)
                    .train(GOLD, GOLD, GOLD, distillations);
            resumed = new StudentTrainer(hp, vocabulary, new FineTuningCheckpoint(twice), Duration.ofMinutes(5))
                    .train(GOLD, GOLD, GOLD, distillations);
        }

        assertThat(straight.stepsPerEpoch()).containsKeys(StudentBatch.Distilled.TASK, StudentBatch.Distilled.task(1),
                "segmentation", "similarity");
        assertThat(straight.weights()).containsKeys(PrefixedParameters.name(StudentNetwork.SIMILARITY, StudentNetwork.BIGRAM_BAG),
                PrefixedParameters.name(StudentNetwork.SIMILARITY, StudentNetwork.HIDDEN_KERNEL));
        assertThat(stopped.finished()).isFalse();
        assertThat(resumed.steps()).isEqualTo(straight.steps());
        assertThat(resumed.validation()).isEqualTo(straight.validation());
        straight.weights().forEach((name, values) ->
                assertThat(resumed.weights().get(name)).as(name).containsExactly(values, Offset.offset(1e-5f)));
    }

    private static CharVocabulary vocabulary(List<String> texts) {
        return GOLD.vocabulary(1, texts.stream().map(t -> NormalizedText.of(t).codePoints()).toList());
    }

    /** The share of characters whose Viterbi tag under the student's segmentation head is the fixed tagger's. */
    private static double agreement(Map<String, float[]> weights, CharVocabulary vocabulary, List<String> texts) {
        int k = TaggingHead.SEGMENTATION.labels().size();
        CrfDecoder viterbi = new CrfDecoder(k);
        long same = 0;
        long all = 0;
        for (String text : texts) {
            int[] codePoints = NormalizedText.of(text).codePoints();
            float[] emissions = student(weights, vocabulary, codePoints, TaggingHead.SEGMENTATION.emissionsOutput());
            float[] transitions = student(weights, vocabulary, codePoints, TaggingHead.SEGMENTATION.transitionsOutput());
            int[] tags = viterbi.decode(emissions, transitions);
            for (int i = 0; i < tags.length; i++) {
                same += tags[i] == FixedTeachers.tagOf(codePoints[i]) ? 1 : 0;
                all++;
            }
        }
        return (double) same / all;
    }

    /** The mean cosine of the student's embedding of each text with the fixed similarity teacher's. */
    private static double meanCosineToTheTeacher(Map<String, float[]> weights, CharVocabulary vocabulary, List<String> texts) {
        double sum = 0;
        for (String text : texts) {
            float[] student = student(weights, vocabulary, NormalizedText.of(text).codePoints(), StudentSignature.OUTPUT_EMBEDDING);
            float[] teacher = FixedTeachers.embeddingOf(text);
            sum += student[0] * teacher[0] + student[1] * teacher[1];
        }
        return sum / texts.size();
    }

    /** One output of the student with {@code weights} for one text. */
    private static float[] student(Map<String, float[]> weights, CharVocabulary vocabulary, int[] codePoints, String output) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            FedParameters params = new FedParameters(tf, () -> 0);
            StudentSignature.build(tf, new StudentNetwork(tf, HP, vocabulary.size(), params));
            params.values().replaceAll((name, v) -> weights.get(name));
            int[] ids = new int[codePoints.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = vocabulary.id(codePoints[i]);
            }
            return TinyStudent.fetch(session, params, new int[][] {ids}, output);
        }
    }
}
