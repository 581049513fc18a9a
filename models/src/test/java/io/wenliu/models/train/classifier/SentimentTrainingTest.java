package io.wenliu.models.train.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a tiny classifier end to end on two synthetic corpora whose label is carried by one
 * character (好 or 差) among random filler, exports it and checks the artifact and its scores.
 */
class SentimentTrainingTest {
    private static final String FILLER = "的了是在我有他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里";

    @Test
    void shouldLearnASyntheticCorpusAndWriteAServingArtifact(@TempDir Path dir) throws Exception {
        Path datasets = dir.resolve("datasets");
        write(datasets.resolve("main"), 400, 1);
        write(datasets.resolve("extra"), 200, 2);
        ClassifierHyperParameters hp = new ClassifierHyperParameters(16, 64, 4, List.of(1, 2), 3, 8, 0.1f, 1e-2f,
                16, 6, 1, 3, 24, 1, 5L);
        Path out = dir.resolve("artifact");

        SentimentTraining.Result result = SentimentTraining.run(new SentimentTraining.Settings(datasets,
                List.of("main", "extra"), out, "1", hp, Duration.ofMinutes(2), 0, 2, "test"));

        assertThat(result.devScores().get("main").accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.devScores().get("extra").accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.model().bestDevAccuracy()).isGreaterThanOrEqualTo(0.9);
        for (String file : List.of("saved_model/saved_model.pb", "vocab.txt", "labels.txt", "manifest.json", "MODEL_CARD.md")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("task").asText()).isEqualTo("sentiment");
        assertThat(manifest.get("maxLength").asInt()).isEqualTo(24);
        assertThat(manifest.get("metrics").get("extra.dev.accuracy").asDouble())
                .isEqualTo(result.devScores().get("extra").accuracy());
        String card = Files.readString(out.resolve("MODEL_CARD.md"));
        assertThat(card).contains("| main |").contains("| extra |").contains("seen 2 times per epoch");
        assertThat(Files.readAllLines(out.resolve("labels.txt"))).containsExactly("negative", "positive");
    }

    /** Texts of 5..40 characters (long ones are chunked) with 好 (positive) or 差 (negative) somewhere. */
    private static void write(Path corpus, int trainSize, long seed) throws Exception {
        Files.createDirectories(corpus);
        Random random = new Random(seed);
        for (String split : List.of("train", "dev")) {
            StringBuilder tsv = new StringBuilder("label\ttext\n");
            int n = split.equals("train") ? trainSize : trainSize / 4;
            for (int i = 0; i < n; i++) {
                int label = random.nextInt(2);
                int length = 5 + random.nextInt(36);
                StringBuilder text = new StringBuilder();
                int cue = random.nextInt(length);
                for (int c = 0; c < length; c++) {
                    text.append(c == cue ? (label == 1 ? '好' : '差') : FILLER.charAt(random.nextInt(FILLER.length())));
                    if (c % 12 == 11) {
                        text.append('，');
                    }
                }
                tsv.append(label).append('\t').append(text).append('\n');
            }
            Files.writeString(corpus.resolve(split + ".tsv"), tsv.toString(), StandardCharsets.UTF_8);
        }
    }
}
