package io.wenliu.models.similarity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.models.vocab.CharVocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A similarity model artifact directory, {@code <models>/similarity/<version>/}, as written by
 * {@code SimilarityTraining}: {@code saved_model/} ({@code token_ids} int32 [batch, length] →
 * {@code embeddings} float32 [batch, dimension]), {@code vocab.txt}, {@code manifest.json} (name,
 * dimension, maxLength, decision threshold) and {@code MODEL_CARD.md}. Holds only the small files.
 * Immutable and thread-safe.
 *
 * @param threshold        the decision threshold: cosine at or above it means "same meaning"
 * @param documentMinScore the lowest cosine at which an earlier document counts as similar (manifest
 *                         {@code documentMinScore}, measured by {@code wenliu eval similar-documents});
 *                         the same-meaning threshold when the manifest has none
 * @param spread           where the training sentences' embeddings lie (manifest {@code mean}, {@code axes}), or null
 */
public record SimilarityArtifact(Path directory, String name, String version, int dimension, int maxLength,
                                 float threshold, float documentMinScore, EmbeddingSpread spread, CharVocabulary vocabulary) {
    /** The model's directory name under the models directory. */
    public static final String MODEL = "similarity";
    public static final String SAVED_MODEL = "saved_model";
    public static final String MANIFEST = "manifest.json";

    /**
     * Reads the artifact in {@code directory}.
     *
     * @throws IllegalStateException naming the directory when a file is missing or unreadable
     */
    public static SimilarityArtifact load(Path directory) {
        Path manifestFile = directory.resolve(MANIFEST);
        boolean teacher = TeacherSavedModel.isTeacher(directory); // its SavedModel is made from the Maven encoder
        if (!Files.isRegularFile(manifestFile) || (!teacher && !Files.isDirectory(directory.resolve(SAVED_MODEL)))) {
            throw new IllegalStateException("No " + MANIFEST + " and " + SAVED_MODEL + "/ in " + directory.toAbsolutePath()
                    + "; run 'wenliu train similarity' or set wenliu.models.dir to the folder holding similarity/<version>/");
        }
        try {
            JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
            float threshold = (float) ModelArtifact.required(manifest, "threshold", manifestFile).asDouble();
            return new SimilarityArtifact(directory, ModelArtifact.required(manifest, "name", manifestFile).asText(),
                    directory.getFileName().toString(), ModelArtifact.required(manifest, "dimension", manifestFile).asInt(),
                    ModelArtifact.required(manifest, "maxLength", manifestFile).asInt(), threshold,
                    (float) manifest.path("documentMinScore").asDouble(threshold), EmbeddingSpread.read(manifest),
                    teacher ? CharVocabulary.of(List.of()) : CharVocabulary.load(directory));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read the similarity artifact " + directory.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The similarity head of a one-pass student, as a sentence encoder's artifact (with the student's embedding spread, if any). */
    public static SimilarityArtifact of(StudentArtifact student) {
        return new SimilarityArtifact(student.directory(), student.name(), student.version(), student.dimension(),
                student.maxLength(), student.threshold(), student.documentMinScore(), student.spread(), student.vocabulary());
    }

    public Path savedModel() {
        return directory.resolve(SAVED_MODEL);
    }

    /** The tokenizer this artifact was trained with. */
    public SentenceTokenizer tokenizer() {
        return new SentenceTokenizer(vocabulary, maxLength);
    }
}
