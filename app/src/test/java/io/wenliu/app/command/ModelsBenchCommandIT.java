package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.app.WenliuMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wenliu bench models} measures every committed model of each directory, with ratios to the first. */
class ModelsBenchCommandIT {
    private static final String MODELS = System.getProperty("wenliu.models.dir", "../models/artifacts");

    @Test
    void shouldMeasureEveryDeployedModelOfEachDirectory(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("input.txt");
        Files.write(input, List.of("张三在北京的微软公司工作。", "这家酒店的服务很好，下次还来！"), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("bench", "models", "--input", input.toString(),
                "--models-dir", MODELS + "," + MODELS, "--seconds", "0.2", "--batches", "1,2");

        assertThat(exit).isZero();
        List<String[]> rows = out.toString().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| task"))
                .map(l -> l.substring(2, l.length() - 2).split(" \\| ")).toList();
        // five tasks x two directories x two batch sizes; the first directory is its own baseline
        assertThat(rows).hasSize(20);
        assertThat(rows.stream().map(r -> r[0]).distinct()).containsExactly("segmenter", "pos", "ner", "sentiment", "similarity");
        assertThat(rows).allSatisfy(r -> assertThat(Double.parseDouble(r[4].replace(",", ""))).isPositive());
        assertThat(rows.stream().filter(r -> r[5].equals("1"))).hasSize(10);
    }
}
