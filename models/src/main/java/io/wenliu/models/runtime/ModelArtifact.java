package io.wenliu.models.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One model artifact directory, {@code <models>/<model>/<version>/}, as written by the trainer:
 * {@code saved_model/}, {@code vocab.txt}, {@code labels.txt}, {@code manifest.json} and
 * {@code MODEL_CARD.md}. Holds only small files (the SavedModel itself is loaded by
 * {@code io.wenliu.models.inference.TaggerModel}). Immutable and thread-safe.
 *
 * @param directory  the version directory
 * @param name       the model's name from the manifest, e.g. {@code segmenter-dgcnn-crf}
 * @param task       the task from the manifest, e.g. {@code segmentation}
 * @param version    the version directory's name
 * @param maxLength  the longest input the artifact promises to handle (manifest {@code maxLength})
 * @param wordPositions whether its token ids carry word positions ({@link io.wenliu.models.vocab.WordPositions};
 *                   manifest {@code hyperParameters.wordPositions})
 */
public record ModelArtifact(Path directory, String name, String task, String version, int maxLength,
                            CharVocabulary vocabulary, LabelSet labels, boolean wordPositions) {
    public static final String SAVED_MODEL = "saved_model";
    public static final String MANIFEST = "manifest.json";

    /** An artifact whose token ids are character ids only. */
    public ModelArtifact(Path directory, String name, String task, String version, int maxLength,
                         CharVocabulary vocabulary, LabelSet labels) {
        this(directory, name, task, version, maxLength, vocabulary, labels, false);
    }

    /**
     * The highest version directory of {@code model} under {@code modelsDirectory} (versions compare
     * as numbers when they are numbers), or empty when the model is not deployed.
     */
    public static Optional<Path> latestVersion(Path modelsDirectory, String model) {
        Path root = modelsDirectory.resolve(model);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(dir -> Files.isRegularFile(dir.resolve(MANIFEST)))
                    .max(Comparator.comparing((Path dir) -> numeric(dir.getFileName().toString()))
                            .thenComparing(dir -> dir.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the versions of " + root, e);
        }
    }

    private static long numeric(String version) {
        return version.matches("\\d{1,18}") ? Long.parseLong(version) : -1;
    }

    /**
     * Reads the artifact in {@code directory}.
     *
     * @throws IllegalStateException naming the directory when a file is missing or unreadable
     */
    public static ModelArtifact load(Path directory) {
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile) || !Files.isDirectory(directory.resolve(SAVED_MODEL))) {
            throw new IllegalStateException("No " + MANIFEST + " and " + SAVED_MODEL + "/ in " + directory.toAbsolutePath()
                    + "; run 'wenliu train' or set wenliu.models.dir to the folder holding <model>/<version>/");
        }
        try {
            JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
            return new ModelArtifact(directory, required(manifest, "name", manifestFile).asText(),
                    required(manifest, "task", manifestFile).asText(), directory.getFileName().toString(),
                    required(manifest, "maxLength", manifestFile).asInt(),
                    CharVocabulary.load(directory), LabelSet.load(directory),
                    manifest.path("hyperParameters").path("wordPositions").asBoolean(false));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read the model artifact " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The manifest field {@code field}.
     *
     * @param file the manifest's path, for the error
     * @throws IllegalStateException naming the file and field when it is missing or null
     */
    public static JsonNode required(JsonNode manifest, String field, Path file) {
        JsonNode node = manifest.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalStateException("Manifest " + file + " has no '" + field + "'");
        }
        return node;
    }

    public Path savedModel() {
        return directory.resolve(SAVED_MODEL);
    }
}
