package io.wenliu.models.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import io.wenliu.models.bert.TeacherSavedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-shot similarity teacher served through DJL gives bge's own sentence embeddings. */
class TeacherSentenceEncoderIT {
    private static final List<String> TEXTS = List.of("开初婚未育证明怎么弄？", "初婚未育情况证明怎么开？",
            "我用iPhone拍照😀", "長江是中國最長的河流");

    @Test
    void shouldEmbedAsLangchain4jEmbedsThroughTheSameOnnxFile(@TempDir Path dir) throws Exception {
        Path artifact = Files.createDirectories(dir.resolve("similarity/1"));
        Files.writeString(artifact.resolve("manifest.json"), """
                {"name": "similarity-bge-small-zh", "task": "similarity", "dimension": 512, "maxLength": 512,
                 "threshold": 0.8, "encoder": {"weights": "bge-small-zh-v1.5"}}""", StandardCharsets.UTF_8);
        System.setProperty(TeacherSavedModel.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
        BgeSmallZhV15EmbeddingModel reference = new BgeSmallZhV15EmbeddingModel();
        try (SentenceEncoder encoder = SentenceEncoder.open(artifact, "cpu", 3)) {
            List<float[]> embeddings = encoder.encode(TEXTS);
            assertThat(encoder.dimension()).isEqualTo(512);
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] expected = reference.embed(TEXTS.get(i)).content().vector();
                for (int d = 0; d < expected.length; d++) {
                    assertThat(embeddings.get(i)[d]).isCloseTo(expected[d], within(1e-4f));
                }
            }
        } finally {
            System.clearProperty(TeacherSavedModel.CACHE_DIR_PROPERTY);
        }
    }
}
