package io.wenliu.models.train;

import io.wenliu.models.runtime.ArtifactFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;

/**
 * Writes a trained tagger as a serving artifact directory:
 * {@code saved_model/} (signature {@code serving_default}: {@code token_ids} int32 [batch, length]
 * → {@code emissions} float32 [batch, length, tags], {@code transitions} float32 [tags, tags]),
 * {@code vocab.txt}, {@code labels.txt}, {@code manifest.json} (with SHA-256 of every file) and the
 * model card {@code MODEL_CARD.md}.
 *
 * <p>The SavedModel comes from a fresh dropout-free graph whose variables are assigned the trained
 * values, so it holds no optimizer state. Stateless.
 */
public final class SavedModelExporter {
    public static final String SAVED_MODEL_DIR = "saved_model";
    public static final String MODEL_CARD = "MODEL_CARD.md";
    public static final String INPUT_TOKEN_IDS = "token_ids";
    public static final String OUTPUT_EMISSIONS = "emissions";
    public static final String OUTPUT_TRANSITIONS = "transitions";

    private SavedModelExporter() {
    }

    /** Identity and provenance written into the manifest. */
    public record Description(String name, String task, String version, String scheme, int maxLength,
                              Map<String, Object> data, String command) {
    }

    public static void export(TrainedTagger model, Description description, String modelCard, Path dir) throws IOException {
        Files.createDirectories(dir);
        exportSavedModel(model, dir.resolve(SAVED_MODEL_DIR));
        model.vocabulary().save(dir);
        model.labels().save(dir);
        Files.writeString(dir.resolve(MODEL_CARD), modelCard, StandardCharsets.UTF_8);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", description.name());
        manifest.put("task", description.task());
        manifest.put("version", description.version());
        manifest.put("scheme", description.scheme());
        manifest.put("maxLength", description.maxLength());
        String tokenIds = model.hyperParameters().wordPositions()
                ? "int32 [batch, length]: character id + vocabulary size × word position (0 unknown, 1 begin, 2 middle, 3 end, 4 single)"
                : "int32 [batch, length]";
        manifest.put("signature", Map.of("inputs", Map.of(INPUT_TOKEN_IDS, tokenIds),
                "outputs", Map.of(OUTPUT_EMISSIONS, "float32 [batch, length, tags]",
                        OUTPUT_TRANSITIONS, "float32 [tags, tags]")));
        manifest.put("normalization", "io.wenliu.models.text.CharNormalizer; whitespace removed");
        manifest.put("metrics", model.bestMetrics());
        manifest.put("data", description.data());
        manifest.put("hyperParameters", model.hyperParameters());
        manifest.put("command", description.command());
        ArtifactFiles.writeManifest(dir, manifest);
    }

    private static void exportSavedModel(TrainedTagger model, Path target) throws IOException {
        ArtifactFiles.exportSavedModel(target, name -> model.weights().containsKey(name) ? model.weights().get(name).values() : null,
                (tf, params) -> {
                    TaggerNetwork network = new TaggerNetwork(tf, model.hyperParameters(), model.vocabulary().size(),
                            model.labels().size(), params);
                    Placeholder<TInt32> ids = tf.withName(INPUT_TOKEN_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
                    return Signature.builder().key(Signature.DEFAULT_KEY)
                            .input(INPUT_TOKEN_IDS, ids)
                            .output(OUTPUT_EMISSIONS, tf.withName(OUTPUT_EMISSIONS).identity(network.emissions(ids, false)))
                            .output(OUTPUT_TRANSITIONS, tf.withName(OUTPUT_TRANSITIONS).identity(network.transitions()))
                            .build();
                });
    }
}
