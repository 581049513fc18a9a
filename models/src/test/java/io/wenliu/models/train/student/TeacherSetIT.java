package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.bert.TeacherTaggerArtifacts;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.train.NerTask;
import io.wenliu.models.train.SegmentationTask;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TeacherSet#open} finds the tagging teachers under a teachers folder (bge-small-zh with random CRF heads) and
 * turns their scores into distributions: per normalized position a marginal over the head's tags, expected
 * transitions that count every adjacent pair once.
 */
class TeacherSetIT {
    private static final List<String> TEXTS = List.of("我们明天去北京大学看展览。", "官网是 https://example.com ，欢迎访问！");

    @Test
    void shouldGiveEachTaggingTeachersMarginalsAtTheNormalizedPositions(@TempDir Path dir) throws Exception {
        BertWeights bge = BertWeights.bgeSmallZh();
        TeacherTaggerArtifacts.write(dir.resolve("teachers/segmenter/1"), bge, new SegmentationTask().labels(), "segmentation", 6);
        TeacherTaggerArtifacts.write(dir.resolve("teachers/ner/1"), bge, NerTask.msra().labels(), "ner", 7);
        System.setProperty(TeacherSavedModel.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
        try (TeacherSet teachers = TeacherSet.open(dir.resolve("teachers"), new ModelSettings(dir.resolve("teachers"), "cpu", null, 2))) {
            assertThat(teachers.taggingLabels()).containsOnlyKeys("segmentation", "ner");
            assertThat(teachers.hasSentiment()).isFalse();
            assertThat(teachers.embeddingDimension()).isZero();

            List<TeacherTargets.Text> targets = teachers.targets(TEXTS);

            for (int i = 0; i < TEXTS.size(); i++) {
                int n = NormalizedText.of(TEXTS.get(i)).length();
                assertThat(targets.get(i).codePoints()).hasSize(n);
                for (TaggingHead head : List.of(TaggingHead.SEGMENTATION, TaggingHead.NER)) {
                    int k = head.labels().size();
                    TeacherTargets.Tagging tagging = targets.get(i).tagging().get(head);
                    assertThat(tagging.marginals()).hasSize(n * k);
                    for (int t = 0; t < n; t++) {
                        double sum = 0;
                        for (int tag = 0; tag < k; tag++) {
                            sum += tagging.marginals()[t * k + tag];
                        }
                        assertThat(sum).as("%s %s position %d", head, TEXTS.get(i), t).isCloseTo(1.0, within(1e-4));
                    }
                    double pairs = 0;
                    for (float count : tagging.transitions()) {
                        pairs += count;
                    }
                    assertThat(pairs).isCloseTo(n - 1, within(1e-3));
                }
            }
        } finally {
            System.clearProperty(TeacherSavedModel.CACHE_DIR_PROPERTY);
        }
    }
}
