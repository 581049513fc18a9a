package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.similarity.OpenDomainThreshold;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.train.SavedModelExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported student's served threshold is chosen on half of lcqmc dev: the manifest takes it (keeping the
 * validation-chosen one), the encoder serves it, its checksums still hold, and the card reports both halves.
 */
class StudentThresholdTest {
    private static final List<String> SUBJECTS = List.of("我们", "张三", "北京", "天气");

    @Test
    void shouldServeTheThresholdChosenOnHalfOfLcqmcDev(@TempDir Path dir) throws Exception {
        Path datasets = dir.resolve("datasets");
        Files.createDirectories(datasets.resolve("lcqmc"));
        List<String> lines = new ArrayList<>(List.of("sentence1\tsentence2\tlabel"));
        for (String a : SUBJECTS) {
            for (String b : SUBJECTS) {
                lines.add(a + "很好\t" + b + "很好\t" + (a.equals(b) ? 1 : 0));
                lines.add(a + "去了北京\t" + b + "喜欢天气\t0");
                lines.add(a + "很差\t" + a + "差\t1");
            }
        }
        Files.write(datasets.resolve("lcqmc/dev.tsv"), lines, StandardCharsets.UTF_8);
        Path artifact;
        try (TinyStudent student = new TinyStudent()) {
            artifact = student.export(dir.resolve("models/student/1"), Map.of("version", "1", "similarityThreshold", 0.99));
        }

        OpenDomainThreshold.Result result = StudentThreshold.write(datasets, artifact);

        assertThat(result.validationPairs() + result.heldOutPairs()).isEqualTo(lines.size() - 1);
        JsonNode manifest = new ObjectMapper().readTree(artifact.resolve(ModelArtifact.MANIFEST).toFile());
        assertThat(manifest.path("similarityThreshold").floatValue()).isEqualTo(result.threshold());
        assertThat(manifest.path("similarityThresholdOnValidation").floatValue()).isCloseTo(0.99f, within(1e-6f));
        assertThat(manifest.path("similarityThresholdChosenOn").asText()).contains("lcqmc dev");
        try (SentenceEncoder encoder = SentenceEncoder.open(artifact, "cpu", 8)) {
            assertThat(encoder.threshold()).isEqualTo(result.threshold());
        }
        assertThat(manifest.path("files").path(SavedModelExporter.MODEL_CARD).asText())
                .isEqualTo(ArtifactFiles.sha256(artifact.resolve(SavedModelExporter.MODEL_CARD)));
        assertThat(Files.readString(artifact.resolve(SavedModelExporter.MODEL_CARD)))
                .contains("# tiny student", "validation half (chose the threshold", "held-out half (chose nothing)");
    }
}
