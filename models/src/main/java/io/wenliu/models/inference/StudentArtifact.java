package io.wenliu.models.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.student.StudentSavedModel;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A one-pass student artifact, {@code <models>/student/<version>/}, as {@code StudentExporter} writes it:
 * {@code weights.f16}, {@code vocab.txt} (shared by every head), {@code segmentation|pos|ner/labels.txt} and
 * {@code manifest.json}. Holds only the small files ({@link StudentModel} loads the SavedModel). Each tagging
 * head is described as the {@link ModelArtifact} of a character tagger, which is what it is to a decoder:
 * this artifact's directory, name, version, vocabulary and longest input, with the head's task and labels.
 * Immutable and thread-safe.
 *
 * @param maxLength        the longest text the student was trained on (manifest {@code maxLength}); serving cuts
 *                         longer texts at sentence punctuation
 * @param dimension        components of the document embedding
 * @param threshold        cosine at or above which two sentences have the same meaning (manifest
 *                         {@code similarityThreshold}, chosen on validation)
 * @param documentMinScore the lowest cosine at which an earlier document counts as similar (manifest
 *                         {@code documentMinScore}); the same-meaning threshold when the manifest has none, as
 *                         for the sentence encoder's artifact
 * @param spread           where the embeddings lie (manifest {@code mean} and {@code axes}), which shapes the
 *                         similarity index's LSH hyperplanes, or null: through the origin
 */
public record StudentArtifact(Path directory, String name, String version, int maxLength, CharVocabulary vocabulary,
                              LabelSet segmentationLabels, LabelSet posLabels, LabelSet nerLabels, int dimension,
                              float threshold, float documentMinScore, EmbeddingSpread spread) {
    /** The artifact folder name under the models directory. */
    public static final String MODEL = "student";

    /**
     * The artifact that serves {@code model} in {@code modelsDirectory}: the student's latest version when there is
     * one (it serves every task, as the stream deploys it), else {@code model}'s latest version.
     */
    public static Optional<Path> deployed(Path modelsDirectory, String model) {
        return ModelArtifact.latestVersion(modelsDirectory, MODEL).or(() -> ModelArtifact.latestVersion(modelsDirectory, model));
    }

    /** Whether {@code directory} holds a student artifact (its manifest's task is {@value #MODEL}). */
    public static boolean isStudent(Path directory) {
        Path manifest = directory.resolve(ModelArtifact.MANIFEST);
        try {
            return Files.isRegularFile(manifest) && MODEL.equals(new ObjectMapper().readTree(manifest.toFile()).path("task").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads the artifact in {@code directory}.
     *
     * @throws IllegalStateException naming the directory when a file or manifest field is missing or unreadable
     */
    public static StudentArtifact load(Path directory) {
        Path manifestFile = directory.resolve(ModelArtifact.MANIFEST);
        if (!Files.isRegularFile(manifestFile) || !StudentSavedModel.isPresent(directory)) {
            throw new IllegalStateException("No " + ModelArtifact.MANIFEST + " and " + StudentSavedModel.WEIGHTS + " in "
                    + directory.toAbsolutePath() + "; run 'wenliu train student' or set wenliu.models.dir");
        }
        try {
            JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
            float threshold = (float) ModelArtifact.required(manifest, "similarityThreshold", manifestFile).asDouble();
            return new StudentArtifact(directory, ModelArtifact.required(manifest, "name", manifestFile).asText(),
                    directory.getFileName().toString(), ModelArtifact.required(manifest, "maxLength", manifestFile).asInt(),
                    CharVocabulary.load(directory), labels(directory, TaggingHead.SEGMENTATION),
                    labels(directory, TaggingHead.POS), labels(directory, TaggingHead.NER),
                    ModelArtifact.required(manifest.path("heads"), "similarity", manifestFile).path("dimension").asInt(),
                    threshold, (float) manifest.path("documentMinScore").asDouble(threshold), EmbeddingSpread.read(manifest));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read the student artifact " + directory.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static LabelSet labels(Path directory, TaggingHead head) {
        return LabelSet.load(directory.resolve(head.prefix()));
    }

    /** The SavedModel that serves it, made from its half-precision weights on first use (see {@link StudentSavedModel}). */
    public Path savedModel() {
        return StudentSavedModel.of(directory);
    }

    /** The segmentation head, as a BMES character tagger. */
    public ModelArtifact segmentation() {
        return head(TaggingHead.SEGMENTATION, segmentationLabels);
    }

    /** The part-of-speech head, as a B-/I-UPOS character tagger that reads no word positions. */
    public ModelArtifact pos() {
        return head(TaggingHead.POS, posLabels);
    }

    /** The NER head, as a BIO character tagger. */
    public ModelArtifact ner() {
        return head(TaggingHead.NER, nerLabels);
    }

    /** The sentiment head, as a document classifier's artifact (no labels: one logit). */
    public ModelArtifact sentiment() {
        return new ModelArtifact(directory, name, "sentiment", version, maxLength, vocabulary, null);
    }

    /** A tagging head, as a character tagger. */
    public ModelArtifact tagger(TaggingHead head) {
        return switch (head) {
            case SEGMENTATION -> segmentation();
            case POS -> pos();
            case NER -> ner();
        };
    }

    private ModelArtifact head(TaggingHead head, LabelSet labels) {
        return new ModelArtifact(directory, name, head.prefix(), version, maxLength, vocabulary, labels);
    }
}
