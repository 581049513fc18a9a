package io.wenliu.models.train.student;

import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.NerTask;
import io.wenliu.models.train.PosTask;
import io.wenliu.models.train.SegmentationTask;
import io.wenliu.models.train.TaggingTask;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@link TaggingTask} each of the student's {@link TaggingHead}s is trained with: its corpus reader, tagging
 * scheme, evaluator and dev decoder, over the head's tags. Stateless.
 */
final class StudentTasks {
    private static final Map<TaggingHead, TaggingTask> TASKS = new EnumMap<>(Map.of(
            TaggingHead.SEGMENTATION, new SegmentationTask(),
            TaggingHead.POS, new PosTask(),
            TaggingHead.NER, NerTask.msra()));

    private StudentTasks() {
    }

    static TaggingTask of(TaggingHead head) {
        return TASKS.get(head);
    }
}
