package io.wenliu.app.command.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.app.WenliuMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wenliu bench pipeline --against-no-models} measures the pipeline at its maximum rate, again at half that
 * rate, and without models, and prints the three runs and the ratio. An empty models folder keeps it quick: both
 * sides run without models here, so the test checks the runs and the table, not a speed.
 */
class PipelineBenchCommandIT {
    @Test
    void shouldMeasureTheModelsAtFullAndHalfRateAndThePipelineWithoutModels(@TempDir Path dir) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("datasets/msra_ner")).resolve("dev.wordtag.txt");
        Files.write(corpus, List.of("中共中央/nt 致/o 中国/ns 致公党/nt 十一大/o 的/o 贺词/o", "各位/o 代表/o 、/o 各位/o 同志/o ：/o",
                "在/o 中国/ns 致公党/nt 第十一/o 次/o 全国/o 代表大会/o 隆重/o 召开/o 之际/o ，/o"), StandardCharsets.UTF_8);
        Path models = Files.createDirectories(dir.resolve("models"));
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("bench", "pipeline", "--against-no-models",
                "--datasets", dir.resolve("datasets").toString(), "--documents", "150", "--warmup", "20",
                "-s", "wenliu.models.dir=" + models);

        assertThat(exit).as(out.toString()).isZero();
        List<String[]> rows = out.toString().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| models"))
                .map(l -> l.substring(2, l.length() - 2).split(" \\| ")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row[0]).isEqualTo("none");
            assertThat(Double.parseDouble(row[2])).isPositive();
            assertThat(row[6]).as("dead letters / missing").isEqualTo("0 / 0");
        });
        assertThat(rows.get(0)[1]).isEqualTo("unlimited");
        assertThat(Double.parseDouble(rows.get(1)[1].replace("/s", ""))).as("half the measured maximum (printed rounded)")
                .isCloseTo(Double.parseDouble(rows.get(0)[2]) / 2, within(1.0));
        assertThat(rows.get(2)[1]).isEqualTo("unlimited");
        String ratio = out.toString().lines().filter(l -> l.startsWith("documents/s with models / without: "))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(ratio.substring(ratio.indexOf(": ") + 2))).isPositive();
    }
}
