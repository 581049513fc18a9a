package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.student.TaggingHead;
import org.junit.jupiter.api.Test;

/** Each student head is trained with the task of its own tags, in the same order (the ids its CRF emits). */
class StudentTasksTest {

    @Test
    void shouldTrainEveryHeadWithTheTaskOfItsTags() {
        for (TaggingHead head : TaggingHead.values()) {
            assertThat(StudentTasks.of(head).taskName()).isEqualTo(head.prefix());
            assertThat(StudentTasks.of(head).labels().labels()).isEqualTo(head.labels().labels());
        }
        assertThat(TaggingHead.SEGMENTATION.labels().size()).isEqualTo(4);
        assertThat(TaggingHead.POS.labels().size()).isEqualTo(34);
        assertThat(TaggingHead.NER.labels().labels()).containsExactly("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG");
    }
}
