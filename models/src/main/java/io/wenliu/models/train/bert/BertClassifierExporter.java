package io.wenliu.models.train.bert;

import io.wenliu.models.bert.TeacherSavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a fine-tuned BERT classifier as a {@link TeacherArtifact} with the sentiment signature.
 * Stateless.
 */
public final class BertClassifierExporter {
    public static final String WEIGHTS = TeacherArtifact.WEIGHTS;
    public static final String ENCODER = TeacherArtifact.ENCODER;

    private BertClassifierExporter() {
    }

    /** Writes {@code weights} (half precision) and the manifest into {@code dir}. */
    public static void write(Path dir, Map<String, float[]> weights, Map<String, long[]> shapes,
                             TeacherArtifact.Description description) throws IOException {
        TeacherArtifact.write(dir, weights, shapes, description,
                Map.of("inputs", Map.of(TeacherSavedModel.INPUT_TOKEN_IDS, "int32 [batch, length], bge word-piece ids, 0 = [PAD]"),
                        "outputs", Map.of(TeacherSavedModel.OUTPUT_LOGIT, "float32 [batch]",
                                TeacherSavedModel.OUTPUT_POSITIVE_PROBABILITY, "float32 [batch]")),
                "io.wenliu.models.bert.BertTokenizer.chunks(text, 510); document logit = mean of chunk logits", Map.of());
    }
}
