package io.wenliu.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.train.NerTask;
import io.wenliu.models.vocab.LabelSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTagCorpusTest {
    private static final LabelSet MSRA = NerTask.msra().labels();

    @Test
    void shouldReadWeiboNamedMentionsAsMsraTypesAndDropWordPlaces(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weibo.conll");
        Files.write(file, List.of("我0\tO", "在0\tO", "北0\tB-GPE.NAM", "京1\tI-GPE.NAM", "见0\tO", "那0\tB-PER.NOM",
                "个1\tI-PER.NOM", "张0\tB-PER.NAM", "三1\tI-PER.NAM", "😀0\tO", "\uFFFD\uFFFD0\tO", "", "微0\tB-ORG.NAM", "博1\tI-ORG.NAM"),
                StandardCharsets.UTF_8);

        List<TaggedSequence> sentences = CharTagCorpus.read(file, MSRA, EntityTypes.WEIBO);

        assertThat(sentences).hasSize(2);
        assertThat(new String(sentences.get(0).codePoints(), 0, sentences.get(0).length())).isEqualTo("我在北京见那个张三😀\uFFFD");
        assertThat(labels(sentences.get(0))).containsExactly("O", "O", "B-LOC", "I-LOC", "O", "O", "O", "B-PER", "I-PER", "O", "O");
        assertThat(labels(sentences.get(1))).containsExactly("B-ORG", "I-ORG");
    }

    @Test
    void shouldFoldBmesAndKeepOnlyTheTypesMsraHas(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resume.bmes");
        Files.write(file, List.of("北 B-EDU", "大 E-EDU", "教 B-TITLE", "授 E-TITLE", "王 S-NAME"), StandardCharsets.UTF_8);

        assertThat(labels(CharTagCorpus.read(file, MSRA, EntityTypes.RESUME).get(0)))
                .containsExactly("B-ORG", "I-ORG", "O", "O", "B-PER");
    }

    @Test
    void shouldRejectATypeTheModelLacksUnlessMapped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resume.bmes");
        Files.write(file, List.of("王 S-NAME"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CharTagCorpus.read(file, MSRA)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectALineWhoseFirstColumnIsNotOneCharacter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.bio");
        Files.write(file, List.of("北京 B-LOC"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CharTagCorpus.read(file, MSRA)).hasMessageContaining("bad.bio:1");
    }

    private static List<String> labels(TaggedSequence sequence) {
        return Arrays.stream(sequence.tags()).mapToObj(MSRA::label).toList();
    }
}
