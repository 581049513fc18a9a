package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.text.NormalizedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher-target cache: written in chunks, a run stopped by its budget (even with a half-written record on disk)
 * and resumed writes exactly the file an uninterrupted run writes, and the records read back hold the teachers'
 * answers at the positions of the normalized text.
 */
class TeacherTargetsWriterTest {
    private static final List<String> TEXTS = List.of("今天天气好。", "服务太差了！", "北京 大学", "ＡＢＣ全角字母",
            "一句比较长的话，长过固定标注器的十个字，所以分段打分。", "好好好", "差", "😂表情也算一个字", "又一句", "最后一句好");

    private static TeacherTargets.Header header(TeacherSet teachers) {
        return FixedTeachers.header(teachers, TEXTS, 128);
    }

    @Test
    void shouldWriteTheSameCacheWhenStoppedAndResumed(@TempDir Path once, @TempDir Path inSteps) throws Exception {
        TeacherSet teachers = FixedTeachers.create();
        TeacherTargetsWriter.Outcome straight = new TeacherTargetsWriter(once, 3, Duration.ofMinutes(1))
                .write(TEXTS, teachers, header(teachers));

        TeacherTargetsWriter stopping = new TeacherTargetsWriter(inSteps, 3, Duration.ZERO);
        TeacherTargetsWriter.Outcome first = stopping.write(TEXTS, teachers, header(teachers));
        // a run killed while appending leaves bytes the position file does not count
        Files.write(inSteps.resolve(TeacherTargets.TARGETS), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        int calls = 1;
        TeacherTargetsWriter.Outcome last = first;
        while (!last.finished()) {
            last = stopping.write(TEXTS, teachers, header(teachers));
            calls++;
        }

        assertThat(straight.finished()).isTrue();
        assertThat(first.written()).isEqualTo(3);
        assertThat(first.finished()).isFalse();
        assertThat(calls).isEqualTo(4);
        assertThat(Files.readAllBytes(inSteps.resolve(TeacherTargets.TARGETS)))
                .isEqualTo(Files.readAllBytes(once.resolve(TeacherTargets.TARGETS)));
        try (TeacherTargets a = TeacherTargets.open(once); TeacherTargets b = TeacherTargets.open(inSteps)) {
            assertThat(b.size()).isEqualTo(a.size()).isEqualTo(TEXTS.size());
            assertThat(b.header()).isEqualTo(a.header());
        }
    }

    @Test
    void shouldReadBackTheTeachersAnswersAtTheNormalizedPositions(@TempDir Path dir) throws Exception {
        TeacherSet teachers = FixedTeachers.create();
        new TeacherTargetsWriter(dir, 4, Duration.ofMinutes(1)).write(TEXTS, teachers, header(teachers));

        try (TeacherTargets cache = TeacherTargets.open(dir)) {
            assertThat(cache.header().heads()).containsExactly(TaggingHead.SEGMENTATION);
            List<TeacherTargets.Text> texts = cache.all();
            for (int i = 0; i < TEXTS.size(); i++) {
                TeacherTargets.Text text = texts.get(i);
                int[] codePoints = NormalizedText.of(TEXTS.get(i)).codePoints();
                assertThat(text.text()).isEqualTo(TEXTS.get(i));
                assertThat(text.codePoints()).containsExactly(codePoints);
                TeacherTargets.Tagging tagging = text.tagging().get(TaggingHead.SEGMENTATION);
                float transitions = 0;
                for (float count : tagging.transitions()) {
                    transitions += count;
                }
                int pieces = (codePoints.length + 9) / 10; // the fixed tagger takes 10 characters at a time
                assertThat(transitions).as(TEXTS.get(i)).isCloseTo(codePoints.length - pieces, within(0.05f));
                for (int t = 0; t < codePoints.length; t++) {
                    int sure = FixedTeachers.tagOf(codePoints[t]);
                    assertThat(tagging.marginals()[t * 4 + sure]).as("%s[%d]", TEXTS.get(i), t).isGreaterThan(0.99f);
                }
            }
            assertThat(texts.get(5).sentimentLogit()).isEqualTo(6f);
            assertThat(texts.get(6).embedding()).containsExactly(FixedTeachers.embeddingOf(TEXTS.get(6)), within(1e-3f)); // half precision
        }
    }

    @Test
    void shouldRefuseToResumeACacheStartedWithOtherTeachersOrTexts(@TempDir Path dir) throws Exception {
        TeacherSet teachers = FixedTeachers.create();
        new TeacherTargetsWriter(dir, 4, Duration.ZERO).write(TEXTS, teachers, header(teachers));
        TeacherTargets.Header other = new TeacherTargets.Header(teachers.taggingLabels(), true, 2, teachers.names(),
                TEXTS.size(), 1, 2L, 128);

        assertThatThrownBy(() -> new TeacherTargetsWriter(dir, 4, Duration.ZERO).write(TEXTS, teachers, other))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("use another --output");
    }
}
