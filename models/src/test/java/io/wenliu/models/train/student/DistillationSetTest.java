package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.classifier.LabeledText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The texts a student distils from: no validation text of any task, nothing longer than its longest bucket. */
class DistillationSetTest {
    private static final List<String> TEXTS = List.of("今天天气很好", "北京大学", "服务太差了", "这一句有十二个字长长长长", "留下");

    @Test
    void shouldLeaveOutValidationTextsAndTextsLongerThanTheLongestBucket(@TempDir Path dir) throws Exception {
        FixedTeachers.writeCache(dir, TEXTS, 128);
        int[] beijing = "北京大学".codePoints().toArray();
        StudentCorpora validation = new StudentCorpora(
                Map.of(TaggingHead.NER, List.of(new TaggedSequence(beijing, new int[] {1, 2, 2, 2}))),
                List.of(new LabeledText("chnsenticorp", "服务太差了", 0)), List.of());

        try (TeacherTargets targets = TeacherTargets.open(dir)) {
            DistillationSet set = DistillationSet.of(targets, 0.5f, validation, 10);

            assertThat(set.texts()).containsExactly(0, 4);
            assertThat(set.weight()).isEqualTo(0.5f);
            assertThatThrownBy(() -> DistillationSet.of(targets, 0f, validation, 10)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(DistillationSet.none().isEmpty()).isTrue();
    }
}
