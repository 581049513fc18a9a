package io.wenliu.app.command.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDocumentsTest {

    @TempDir
    Path dir;

    @Test
    void shouldStripTagsFromWordTagLines() {
        assertThat(BenchDocuments.stripTags("书籍/o 浩如烟海/o ，/o 欧/ns 美/ns")).isEqualTo("书籍浩如烟海，欧美");
        assertThat(BenchDocuments.stripTags("1/2/m 杯/q")).isEqualTo("1/2杯");
    }

    @Test
    void shouldJoinSentencesToLengthsWithinTheRange() throws IOException {
        Path corpus = dir.resolve("dev.wordtag.txt");
        Files.writeString(corpus, "今天/o 天气/o 很/o 好/o 。/o\n北京/ns 是/o 首都/o 。/o\n\n我/o 爱/o 😀/o\n",
                StandardCharsets.UTF_8);

        List<String> documents = BenchDocuments.fromWordTagFile(corpus, 50, 10, 20, new Random(1));

        assertThat(documents).hasSize(50).allSatisfy(d -> {
            assertThat(d.length()).isBetween(10, 20);
            assertThat(Character.isHighSurrogate(d.charAt(d.length() - 1))).isFalse();
        });
        assertThat(documents.get(0)).startsWith("今天天气很好。北京是首都。");
    }
}
