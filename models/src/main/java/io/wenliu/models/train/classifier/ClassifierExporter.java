package io.wenliu.models.train.classifier;

import io.wenliu.models.graph.ClassifierSignature;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained binary classifier as a serving artifact directory: {@code saved_model/}
 * (signature {@code serving_default}: {@code token_ids} int32 [batch, length] → {@code logit}
 * float32 [batch] and {@code positive_probability} float32 [batch]), {@code vocab.txt},
 * {@code labels.txt} ({@code negative}, {@code positive}), {@code manifest.json} (with the SHA-256
 * of every file) and the model card {@code MODEL_CARD.md}.
 *
 * <p>The SavedModel comes from a fresh dropout-free graph whose variables are assigned the trained
 * values, so it holds no optimizer state. Stateless. (The manifest and checksum code follows
 * {@code io.wenliu.models.train.SavedModelExporter}, which is specific to taggers.)
 */
public final class ClassifierExporter {
    public static final String SAVED_MODEL_DIR = "saved_model";
    public static final String MODEL_CARD = "MODEL_CARD.md";
    public static final LabelSet LABELS = new LabelSet(List.of("negative", "positive"));

    private ClassifierExporter() {
    }

    /**
     * Identity and provenance written into the manifest.
     *
     * @param maxLength the longest chunk the model reads; longer texts are chunked by the runtime
     * @param metrics   dev accuracy per corpus (of this artifact)
     */
    public record Description(String name, String task, String version, int maxLength,
                              Map<String, Object> data, Map<String, Object> metrics, String command) {
    }

    public static void export(TrainedClassifier model, Description description, String modelCard, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        exportSavedModel(model, dir.resolve(SAVED_MODEL_DIR));
        model.vocabulary().save(dir);
        LABELS.save(dir);
        Files.writeString(dir.resolve(MODEL_CARD), modelCard, StandardCharsets.UTF_8);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", description.name());
        manifest.put("task", description.task());
        manifest.put("version", description.version());
        manifest.put("maxLength", description.maxLength());
        manifest.put("signature", Map.of("inputs", Map.of(ClassifierSignature.INPUT_TOKEN_IDS, "int32 [batch, length]"),
                "outputs", Map.of(ClassifierSignature.OUTPUT_LOGIT, "float32 [batch]",
                        ClassifierSignature.OUTPUT_POSITIVE_PROBABILITY, "float32 [batch]")));
        manifest.put("normalization", "io.wenliu.models.text.CharNormalizer; whitespace removed");
        manifest.put("chunking", "io.wenliu.models.sentiment.SentimentChunker(maxLength); document logit = "
                + "length-weighted mean of chunk logits");
        manifest.put("metrics", description.metrics());
        manifest.put("data", description.data());
        manifest.put("hyperParameters", model.hyperParameters());
        manifest.put("command", description.command());
        ArtifactFiles.writeManifest(dir, manifest);
    }

    private static void exportSavedModel(TrainedClassifier model, Path target) throws IOException {
        ArtifactFiles.exportSavedModel(target, name -> model.weights().containsKey(name) ? model.weights().get(name).values() : null,
                (tf, params) -> {
                    ClassifierNetwork network = new ClassifierNetwork(tf, model.hyperParameters(), model.vocabulary().size(), params);
                    return ClassifierSignature.signature(tf, ids -> network.logits(ids, false));
                });
    }
}
