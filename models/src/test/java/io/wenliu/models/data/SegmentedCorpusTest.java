package io.wenliu.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedCorpusTest {

    @Test
    void shouldStripTagsFromWordTagLines() {
        SegmentedCorpus.Sentence s = SegmentedCorpus.parseWordTag("中共中央/nt 致/o 中国致公党十一大/nt 的/o 贺词/o");

        assertThat(s.words()).containsExactly("中共中央", "致", "中国致公党十一大", "的", "贺词");
        assertThat(s.tags()).containsExactly("nt", "o", "nt", "o", "o");
    }

    @Test
    void shouldSplitBakeoffLinesOnAnyWhitespace() {
        assertThat(SegmentedCorpus.parseBakeoff("上海  推  “  迎  奥运  ”\r").words())
                .containsExactly("上海", "推", "“", "迎", "奥运", "”");
    }

    @Test
    void shouldReadWordsAndXposFromConllSkippingCommentsAndRanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dev.conll");
        Files.writeString(file, "# sent_id = 1\n1\t看似\t_\tVERB\tVV\t_\t2\tcop\t_\t_\n1-2\t看似简单\t_\t_\t_\t_\t_\t_\t_\t_\n"
                + "2\t简单\t_\tADJ\tJJ\t_\t0\troot\t_\t_\n\n3\t好\t_\tADJ\tVA\t_\t0\troot\t_\t_\n");

        List<SegmentedCorpus.Sentence> sentences = SegmentedCorpus.read(file);

        assertThat(sentences).hasSize(2);
        assertThat(sentences.get(0).words()).containsExactly("看似", "简单");
        assertThat(sentences.get(0).tags()).containsExactly("VV", "JJ");
    }
}
