package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.app.WenliuMain;
import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.it.broker.TestKafka;
import io.wenliu.app.runtime.StreamsRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code wenliu produce} a mixed text/JSON-lines file into a running service, then {@code wenliu consume} both outputs. */
class ProduceConsumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void shouldPublishTextAndJsonLinesAndPrintBothOutputsAsJsonLines() throws Exception {
        try (TestKafka.Broker broker = TestKafka.start()) {
            WenliuConfig config = new WenliuConfig(Map.of(
                    WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    WenliuConfig.APPLICATION_ID_CONFIG, "wenliu-produce-consume-it",
                    WenliuConfig.STATE_DIR_CONFIG, work.resolve("state").toString(),
                    WenliuConfig.MODELS_DIR_CONFIG, work.resolve("no-models").toString(),
                    WenliuConfig.TOPICS_CREATE_CONFIG, "true",
                    WenliuConfig.TOPICS_PARTITIONS_CONFIG, "2"));
            Path file = work.resolve("news.txt");
            Files.writeString(file, String.join("\n",
                    "今天北京天气晴朗。",
                    "",
                    "{\"id\":\"json-1\",\"text\":\"这家餐厅很好吃😋\",\"source\":\"review\",\"attributes\":{\"stars\":\"5\"}}",
                    "{\"id\":\"json-blank\",\"text\":\"\\u3000\"}") + "\n", StandardCharsets.UTF_8);

            try (StreamsRunner ignored = StreamsRunner.start(config)) {
                Result produced = execute("produce", "-b", broker.bootstrapServers(), file.toString());
                assertThat(produced.exitCode).as(produced.err).isZero();
                assertThat(produced.out).contains("Sent 3 documents to wenliu.documents", "skipped 1 blank lines");

                Result enriched = execute("consume", "-b", broker.bootstrapServers(), "enriched", "--max", "2",
                        "--timeout", "2m");
                Result deadLetters = execute("consume", "-b", broker.bootstrapServers(), "dead-letters", "--max", "1",
                        "--timeout", "2m");

                List<JsonNode> documents = lines(enriched.out);
                assertThat(documents).extracting(d -> d.get("id").asText())
                        .containsExactlyInAnyOrder("news-1", "json-1");
                JsonNode review = documents.stream().filter(d -> d.get("id").asText().equals("json-1")).findFirst()
                        .orElseThrow();
                assertThat(review.get("text").asText()).isEqualTo("这家餐厅很好吃😋");
                assertThat(review.get("source").asText()).isEqualTo("review");
                assertThat(review.get("attributes").get("stars").asText()).isEqualTo("5");

                List<JsonNode> letters = lines(deadLetters.out);
                assertThat(letters).singleElement().satisfies(letter -> {
                    assertThat(letter.get("documentId").asText()).isEqualTo("json-blank");
                    assertThat(letter.get("reasonCode").asText()).isEqualTo("EMPTY_TEXT");
                });
            }
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = WenliuMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static List<JsonNode> lines(String output) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
