package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wenliu.app.WenliuMain;
import io.wenliu.models.data.SegmentedCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wenliu segment} and {@code wenliu eval segmenter} with the committed segmenter. */
class SegmentCommandIT {
    private static final String MODELS = System.getProperty("wenliu.models.dir", "../models/artifacts");
    private static final Path DATASETS = Path.of(System.getProperty("wenliu.datasets.dir", "../../shared/datasets"));

    @Test
    void shouldKeepLineCountAndEveryCharacterOfAOneMegabyteFile(@TempDir Path dir) throws Exception {
        Path dev = DATASETS.resolve("msra_ner/dev.wordtag.txt");
        assumeTrue(Files.isRegularFile(dev), "needs the shared datasets");
        List<String> sentences = SegmentedCorpus.read(dev).stream().map(SegmentedCorpus.Sentence::text).toList();
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; bytes < 1_100_000; i++) {
            String line = switch (i % 50) {
                case 7 -> "";                                           // empty lines stay empty
                case 13 -> " \u3000 ";                                  // so do blank ones
                case 21 -> "Ｗｅｎｌｉｕ 文流 2026年 😀 " + sentences.get(i % sentences.size());
                default -> sentences.get(i % sentences.size());
            };
            lines.add(line);
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        Files.write(input, lines, StandardCharsets.UTF_8);

        int exit = WenliuMain.commandLine().execute("segment", "--input", input.toString(), "--output", output.toString(),
                "--models-dir", MODELS);

        assertThat(exit).isZero();
        assertThat(Files.size(input)).isGreaterThanOrEqualTo(1_000_000);
        List<String> segmented = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(segmented).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            String out = segmented.get(i);
            assertThat(out.replace(" ", "")).as("line %d", i + 1).isEqualTo(lines.get(i).replaceAll("[\\s\u3000]", ""));
            assertThat(out).as("line %d", i + 1).doesNotContain("  ").doesNotStartWith(" ").doesNotEndWith(" ");
        }
    }

    @Test
    void shouldPrintPrecisionRecallF1AndOovRecall(@TempDir Path dir) throws Exception {
        Path gold = dir.resolve("gold.txt");
        Path words = dir.resolve("words.txt");
        Files.writeString(gold, "我们  在  北京  。\n今天  天气  很  好  。\n", StandardCharsets.UTF_8);
        Files.writeString(words, "我们\n北京\n", StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("eval", "segmenter",
                "--gold", gold.toString(), "--words", words.toString(), "--models-dir", MODELS);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("precision", "recall", "F1", "OOV rec.", gold.toString());
        String row = out.toString().lines().filter(l -> l.startsWith(gold.toString())).findFirst().orElseThrow();
        assertThat(row.split("\\s+")).hasSize(9);
        assertThat(row.split("\\s+")[1]).isEqualTo("2");  // sentences
        assertThat(row.split("\\s+")[2]).isEqualTo("9");  // gold words
    }
}
