package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.app.WenliuMain;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.runtime.ModelArtifact;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wenliu tag ner|pos} and {@code wenliu eval ner|pos} with the committed artifacts (NER once it exists). */
class TagCommandIT {
    private static final String MODELS = System.getProperty("wenliu.models.dir", "../models/artifacts");
    private static final Path DATASETS = Path.of(System.getProperty("wenliu.datasets.dir", "../../shared/datasets"));
    private static final List<String> LINES = List.of("张三在北京大学工作。", "", " \u3000 ", "Hello, world! 42",
            "😀我在Apple工作了3年😀", "ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ", "国务院总理在人民大会堂会见了联合国秘书长。".repeat(100));

    @Test
    void shouldWriteOneJsonLinePerInputLineWithTaggedTokens(@TempDir Path dir) throws Exception {
        List<String> out = run(dir, "tag", "pos");

        assertThat(out).hasSameSizeAs(LINES);
        for (int i = 0; i < LINES.size(); i++) {
            JsonNode line = new ObjectMapper().readTree(out.get(i));
            assertThat(line.get("text").asText()).isEqualTo(LINES.get(i));
            StringBuilder joined = new StringBuilder();
            for (JsonNode token : line.get("tokens")) {
                String text = token.get("text").asText();
                assertThat(LINES.get(i).substring(token.get("start").asInt(), token.get("end").asInt())).isEqualTo(text);
                assertThat(token.get("pos").asText()).isNotBlank();
                joined.append(text);
            }
            assertThat(joined.toString()).isEqualTo(LINES.get(i).replaceAll("[\\s\u3000]", ""));
        }
    }

    @Test
    void shouldWritePosAsBioWithOneLinePerCharacterAndABlankLinePerInputLine(@TempDir Path dir) throws Exception {
        assertBioLayout(run(dir, "tag", "pos", "--format", "bio"), "(B|I)-[A-Z]+");
    }

    @Test
    void shouldWriteEntitiesAsBioInTheLayoutOfTheMsraFiles(@TempDir Path dir) throws Exception {
        assumeNerArtifact();

        assertBioLayout(run(dir, "tag", "ner", "--format", "bio"), "O|(B|I)-(PER|LOC|ORG)");
    }

    @Test
    void shouldWriteEntitiesAsJsonLines(@TempDir Path dir) throws Exception {
        assumeNerArtifact();
        List<String> out = run(dir, "tag", "ner");

        assertThat(out).hasSameSizeAs(LINES);
        JsonNode first = new ObjectMapper().readTree(out.get(0));
        assertThat(first.get("entities")).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("PER");
            assertThat(e.get("text").asText()).isEqualTo("张三");
            assertThat(e.get("start").asInt()).isZero();
            assertThat(e.get("confidence").asDouble()).isBetween(0.0, 1.0);
        });
        assertThat(new ObjectMapper().readTree(out.get(3)).get("entities")).isEmpty();
    }

    @Test
    void shouldPrintPosAccuracyOnGoldWords() throws Exception {
        Path dev = DATASETS.resolve("ud_chinese_pos/dev.conll");
        assumeTrue(Files.isRegularFile(dev), "needs the shared datasets");
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("eval", "pos", "--gold", dev.toString(),
                "--models-dir", MODELS);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("500 sentences", "12663 gold words", "accuracy (gold segmentation, constrained");
    }

    @Test
    void shouldPrintMicroAndPerTypeEntityScores() throws Exception {
        assumeNerArtifact();
        Path dev = DATASETS.resolve("msra_ner/dev.bio");
        assumeTrue(Files.isRegularFile(dev), "needs the shared datasets");
        StringWriter out = new StringWriter();

        int exit = WenliuMain.commandLine().setOut(new PrintWriter(out)).execute("eval", "ner", "--gold", dev.toString(),
                "--models-dir", MODELS);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("PER", "LOC", "ORG", "micro", "mean confidence");
    }

    private static void assumeNerArtifact() {
        assumeTrue(ModelArtifact.latestVersion(Path.of(MODELS), EntityRecognizer.MODEL).isPresent(),
                "no NER artifact under " + MODELS + " yet");
    }

    private static List<String> run(Path dir, String... command) throws Exception {
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        Files.write(input, LINES, StandardCharsets.UTF_8);
        String[] args = new String[command.length + 6];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[] {"--input", input.toString(), "--output", output.toString(), "--models-dir", MODELS},
                0, args, command.length, 6);

        assertThat(WenliuMain.commandLine().execute(args)).isZero();
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }

    private static void assertBioLayout(List<String> out, String tagPattern) {
        int at = 0;
        for (String line : LINES) {
            StringBuilder chars = new StringBuilder();
            while (!out.get(at).isEmpty()) {
                String[] columns = out.get(at).split("\t");
                assertThat(columns).hasSize(2);
                assertThat(columns[1]).matches(tagPattern);
                chars.append(columns[0]);
                at++;
            }
            at++; // the blank line after each input line
            assertThat(chars.toString()).isEqualTo(line.replaceAll("[\\s\u3000]", ""));
        }
        assertThat(at).isEqualTo(out.size());
    }
}
