package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wenliu.app.WenliuMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wenliu sentiment} and {@code wenliu eval sentiment} with the committed sentiment model. */
class SentimentCommandIT {
    private static final String MODELS = System.getProperty("wenliu.models.dir", "../models/artifacts");
    private static final Path DATASETS = Path.of(System.getProperty("wenliu.datasets.dir", "../../shared/datasets"));

    @Test
    void shouldWriteOneLabelAndProbabilityLinePerInputLine(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("input.txt");
        List<String> lines = List.of("酒店环境很好，服务周到，强烈推荐！", "", "质量太差，用了两天就坏了，差评。",
                " \u3000 ", "外卖送得很快，味道不错。".repeat(60));
        Files.write(input, lines, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("sentiment", "--input", input.toString(),
                "--models-dir", MODELS);

        assertThat(exit).isZero();
        List<String> results = out.toString().lines().toList();
        assertThat(results).hasSameSizeAs(lines).allMatch(l -> l.matches("[01]\t(0|1)\\.\\d{4}"));
        assertThat(results.get(0)).startsWith("1\t");
        assertThat(results.get(1)).isEqualTo("1\t0.5000");
        assertThat(results.get(2)).startsWith("0\t");
        assertThat(results.get(3)).isEqualTo("1\t0.5000");
        assertThat(results.get(4)).startsWith("1\t");
    }

    @Test
    void shouldPrintTheAccuracyOfEveryCorpus() throws Exception {
        assumeTrue(Files.isDirectory(DATASETS.resolve("waimai_10k")), "needs the shared datasets");
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("eval", "sentiment",
                "--datasets", DATASETS.toString(), "--corpora", "waimai_10k", "--models-dir", MODELS);

        assertThat(exit).isZero();
        String row = out.toString().lines().filter(l -> l.startsWith("waimai_10k")).findFirst().orElseThrow();
        assertThat(row.split("\\s+")[1]).isEqualTo("1198");
        assertThat(Double.parseDouble(row.split("\\s+")[2])).isGreaterThan(0.8);
    }
}
