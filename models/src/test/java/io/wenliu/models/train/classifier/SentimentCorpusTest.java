package io.wenliu.models.train.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentCorpusTest {

    @Test
    void shouldFindTheLabelAndTextColumnsByTheHeader(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("shop"));
        Files.writeString(dir.resolve("shop/train.tsv"), "label\tcat\ttext\n1\t书籍\t很好看\n\n0\t水果\t不新鲜 \n");

        assertThat(SentimentCorpus.read(dir, "shop", "train")).containsExactly(
                new LabeledText("shop", "很好看", 1), new LabeledText("shop", "不新鲜 ", 0));
    }

    @Test
    void shouldNameTheFileAndLineOfABadLabel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dev.tsv");
        Files.writeString(file, "label\ttext\n1\t好\n2\t差\n");

        assertThatThrownBy(() -> SentimentCorpus.read("x", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.tsv:3").hasMessageContaining("'2'");
    }

    @Test
    void shouldRejectAFileWithoutTheExpectedColumns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dev.tsv");
        Files.writeString(file, "sentiment\treview\n1\t好\n");

        assertThatThrownBy(() -> SentimentCorpus.read("x", file)).hasMessageContaining("lacks 'label' or 'text'");
    }
}
