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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoverCommandTest {

    @Test
    void shouldPrintWordScoreAndCountBestFirst(@TempDir Path dir) throws Exception {
        List<String> common = List.of("我们", "今天", "看见", "城里", "朋友", "山上", "发现", "美丽", "老师", "河边");
        Random random = new Random(1);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                line.append(random.nextDouble() < 0.2 ? "墨渊阁" : common.get(random.nextInt(common.size())));
            }
            lines.add(line.append('。').toString());
        }
        Path input = Files.write(dir.resolve("novel.txt"), lines, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out))
                .execute("discover", "--input", input.toString(), "--no-segmenter", "--top", "5");

        assertThat(exit).isZero();
        List<String[]> rows = out.toString().lines().map(l -> l.split("\t")).toList();
        assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(3));
        assertThat(rows).extracting(row -> row[0]).contains("墨渊阁");
        assertThat(rows).extracting(row -> Double.parseDouble(row[1]))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(rows).extracting(row -> Long.parseLong(row[2])).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(3));
    }
}
