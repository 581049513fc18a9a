package io.wenliu.models.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.bert.TeacherTaggerArtifacts;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.train.NerTask;
import io.wenliu.models.train.SegmentationTask;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Segmenter#open} recognises a segmentation teacher (bge-small-zh with a random BMES CRF head)
 * and serves it: the words tile each text, a URL stays one word as for the character network, and a
 * teacher of another task is refused with a clear error.
 */
class TeacherSegmenterIT {
    private static final List<String> TEXTS = List.of("我们明天去北京大学看展览。", "官网是https://example.com，欢迎访问！");

    @Test
    void shouldSegmentWithATeacherArtifact(@TempDir Path dir) throws Exception {
        BertWeights bge = BertWeights.bgeSmallZh();
        TeacherTaggerArtifacts.write(dir.resolve("teacher/segmenter/1"), bge, new SegmentationTask().labels(),
                Segmenter.TEACHER_TASK, 6);
        TeacherTaggerArtifacts.write(dir.resolve("wrong/segmenter/1"), bge, NerTask.msra().labels(), "ner", 6);
        System.setProperty(TeacherSavedModel.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
        try (Segmenter segmenter = Segmenter.open(new ModelSettings(dir.resolve("teacher"), "cpu", null, 2))) {
            List<List<Word>> words = segmenter.segment(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(String.join("", words.get(i).stream().map(Word::text).toList())).isEqualTo(TEXTS.get(i));
            }
            assertThat(words.get(1).stream().map(Word::text)).contains("https://example.com");
        } finally {
            System.clearProperty(TeacherSavedModel.CACHE_DIR_PROPERTY);
        }
        assertThatThrownBy(() -> Segmenter.open(new ModelSettings(dir.resolve("wrong"), "cpu", null, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'ner' model, not a 'segmentation' one");
    }
}
