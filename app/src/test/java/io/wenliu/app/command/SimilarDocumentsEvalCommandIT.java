package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.app.WenliuMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wenliu eval similar-documents} with the committed similarity model, on a small corpus of two categories. */
class SimilarDocumentsEvalCommandIT {
    private static final String MODELS = System.getProperty("wenliu.models.dir", "../models/artifacts");

    @Test
    void shouldChooseAMinimumScoreOnTrainAndReportItOnDev(@TempDir Path datasets) throws Exception {
        Path corpus = Files.createDirectories(datasets.resolve("online_shopping_10_cats"));
        for (String split : List.of("train", "dev")) {
            List<String> lines = new ArrayList<>(List.of("label\tcat\ttext"));
            for (int i = 0; i < 10; i++) {
                lines.add("1\t酒店\t酒店房间干净，服务员很热情，早餐种类丰富" + "好".repeat(i) + "。");
                lines.add("1\t水果\t水果很新鲜，苹果又甜又脆，包装完好" + "甜".repeat(i) + "。");
                lines.add("1\t水果\t水果很新鲜，苹果又甜又脆，包装完好" + "甜".repeat(i) + "。"); // an exact copy
            }
            Files.write(corpus.resolve(split + ".tsv"), lines, StandardCharsets.UTF_8);
        }
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("eval", "similar-documents",
                "--datasets", datasets.toString(), "--models-dir", MODELS, "--documents", "30", "--precision", "1.0");

        assertThat(exit).isZero();
        String report = out.toString();
        String chosen = report.lines().filter(l -> l.startsWith("train sample")).findFirst().orElseThrow();
        float minScore = Float.parseFloat(chosen.substring(chosen.lastIndexOf(' ') + 1));
        assertThat(minScore).as("some score keeps only same-category pairs: exact copies at least").isBetween(0f, 1f);
        // dev is a copy of train here, so the chosen score keeps its precision of 1 there
        assertThat(report).containsPattern("\\(chosen on train\\) -> \\d+\\.\\d{2}, 1\\.0000")
                .containsPattern("nearest neighbour related \\d\\.\\d{4}");
    }
}
