package io.wenliu.models.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.bert.TeacherTaggerArtifacts;
import io.wenliu.models.data.CharacterTags;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Word;
import io.wenliu.models.train.PosTask;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PosTagger#open} serves a teacher POS artifact (bge-small-zh's encoder with a random CRF head,
 * stored as a fine-tuned artifact is): every given word gets one UPOS tag, atomic runs keep the tag
 * their kind fixes, and the model's own words cover the text.
 */
class TeacherPosTaggerIT {

    @Test
    void shouldTagTheGivenWordsWithATeacher(@TempDir Path dir) throws Exception {
        TeacherTaggerArtifacts.write(dir.resolve("teacher/pos/1"), BertWeights.bgeSmallZh(), new PosTask().labels(),
                PosTagger.MODEL, 5);
        System.setProperty(TeacherSavedModel.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
        String text = "我在2024年用iPhone拍照。";
        List<Word> words = List.of(new Word("我", 0, 1), new Word("在", 1, 2), new Word("2024", 2, 6),
                new Word("年", 6, 7), new Word("用", 7, 8), new Word("iPhone", 8, 14), new Word("拍照", 14, 16),
                new Word("。", 16, 17));
        try (PosTagger tagger = PosTagger.open(new ModelSettings(dir.resolve("teacher"), "cpu", null, 2))) {
            assertThat(tagger.artifact().name()).isEqualTo("pos-bge-small-zh-test");
            List<String> tags = tagger.tag(List.of(text), List.of(words)).get(0);
            assertThat(tags).hasSize(words.size()).allSatisfy(tag -> assertThat(CharacterTags.UPOS).contains(tag));
            assertThat(tags.get(2)).as("a number is NUM whatever the head says").isEqualTo("NUM");
            List<TaggedWord> own = tagger.tagWords(List.of(text)).get(0);
            assertThat(own.stream().map(TaggedWord::text).reduce("", String::concat)).isEqualTo(text);
        } finally {
            System.clearProperty(TeacherSavedModel.CACHE_DIR_PROPERTY);
        }
    }
}
