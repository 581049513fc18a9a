package io.wenliu.models.student;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.SavedModelCache;
import io.wenliu.models.vocab.CharVocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servable form of a student artifact. The artifact stores its weights in half precision ({@value #WEIGHTS}:
 * half the bytes in the repository; ~3 significant digits, far finer than what training resolves) with the shape
 * of the network in its manifest ({@code hyperParameters}); this builds the {@link StudentSignature} graph of that
 * shape over them into a SavedModel, written once to a {@link SavedModelCache} folder keyed by the weights' and the
 * manifest's SHA-256. An artifact exported before half precision holds its own {@code saved_model/}, served as it
 * is. Stateless.
 */
public final class StudentSavedModel {
    public static final String WEIGHTS = "weights.f16";

    private StudentSavedModel() {
    }

    /** Whether {@code artifactDir} holds a student's weights in either form. */
    public static boolean isPresent(Path artifactDir) {
        return Files.isRegularFile(artifactDir.resolve(WEIGHTS)) || Files.isDirectory(artifactDir.resolve(ModelArtifact.SAVED_MODEL));
    }

    /**
     * The SavedModel that serves the student in {@code artifactDir}: its own {@code saved_model/}, or one made from
     * {@value #WEIGHTS} now unless cached.
     *
     * @throws UncheckedIOException when the artifact cannot be read or the cache cannot be written
     */
    public static Path of(Path artifactDir) {
        Path own = artifactDir.resolve(ModelArtifact.SAVED_MODEL);
        if (Files.isDirectory(own)) {
            return own;
        }
        Path weights = artifactDir.resolve(WEIGHTS);
        Path manifest = artifactDir.resolve(ModelArtifact.MANIFEST);
        String key;
        try {
            key = "student-" + ArtifactFiles.sha256(weights).substring(0, 16) + "-" + ArtifactFiles.sha256(manifest).substring(0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the student's " + WEIGHTS + " and " + ModelArtifact.MANIFEST + " in "
                    + artifactDir.toAbsolutePath(), e);
        }
        return SavedModelCache.get(key, target -> export(artifactDir, target));
    }

    /** Writes the student's weights in half precision, each tensor flat (the graph knows the shapes). */
    public static void writeWeights(Path file, Map<String, float[]> weights) throws IOException {
        Map<String, OnnxGraph.Tensor> tensors = new LinkedHashMap<>();
        weights.forEach((name, values) -> tensors.put(name, new OnnxGraph.Tensor(name, new long[] {values.length}, values)));
        HalfPrecisionWeights.write(file, tensors);
    }

    private static void export(Path artifactDir, Path target) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(artifactDir.resolve(ModelArtifact.MANIFEST).toFile());
        StudentHyperParameters hp = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .treeToValue(ModelArtifact.required(manifest, "hyperParameters", artifactDir.resolve(ModelArtifact.MANIFEST)),
                        StudentHyperParameters.class);
        int vocabularySize = CharVocabulary.load(artifactDir).size();
        Map<String, OnnxGraph.Tensor> weights = HalfPrecisionWeights.read(artifactDir.resolve(WEIGHTS));
        ArtifactFiles.exportSavedModel(target, name -> weights.containsKey(name) ? weights.get(name).values() : null,
                (tf, params) -> StudentSignature.build(tf, new StudentNetwork(tf, hp, vocabularySize, params)));
    }
}
