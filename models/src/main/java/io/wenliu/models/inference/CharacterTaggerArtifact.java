package io.wenliu.models.inference;

import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.student.TaggingHead;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * A character-tagger artifact opened for scoring, whichever kind it is: a character network
 * ({@link TaggerModel}, whose inputs are character-vocabulary ids), a teacher, a fine-tuned BERT
 * with a CRF head ({@link BertTaggerModel}, whose inputs are the normalized code points themselves), or a head of
 * the one-pass student ({@link StudentModel#scorer}, character-vocabulary ids).
 * Everything after scoring (decoding, constraints, marginals) is the stage's own and the same for both.
 *
 * @param artifact the manifest, labels and (for a character network) vocabulary
 * @param scorer   the CRF scores of input sequences; the caller closes it
 * @param inputOf  the model input of each normalized code point
 */
public record CharacterTaggerArtifact(ModelArtifact artifact, SequenceScorer scorer, IntUnaryOperator inputOf) {

    /**
     * Opens the artifact in {@code artifactDirectory} with the device and batch size of {@code settings}.
     *
     * @param teacherTask the manifest task a teacher artifact must have (e.g. "ner"), else a clear error; for a
     *                    student, the head to serve
     * @throws IllegalStateException when it cannot be loaded (a systemic failure)
     */
    public static CharacterTaggerArtifact open(Path artifactDirectory, String teacherTask, ModelSettings settings) {
        if (StudentArtifact.isStudent(artifactDirectory)) {
            TaggingHead head = Arrays.stream(TaggingHead.values()).filter(h -> h.prefix().equals(teacherTask)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("The student has no '" + teacherTask + "' head"));
            StudentModel student = StudentModel.open(artifactDirectory, settings);
            ModelArtifact artifact = student.artifact().tagger(head);
            return new CharacterTaggerArtifact(artifact, student.scorer(head), artifact.vocabulary()::id);
        }
        if (TeacherSavedModel.isTeacher(artifactDirectory)) {
            ModelArtifact artifact = TeacherSavedModel.artifact(artifactDirectory);
            if (!artifact.task().equals(teacherTask)) {
                throw new IllegalStateException("The teacher artifact " + artifactDirectory.toAbsolutePath() + " is a '"
                        + artifact.task() + "' model, not a '" + teacherTask + "' one");
            }
            return new CharacterTaggerArtifact(artifact, BertTaggerModel.load(artifactDirectory, settings.device(),
                    settings.maxBatchSize()), codePoint -> codePoint);
        }
        ModelArtifact artifact = ModelArtifact.load(artifactDirectory);
        return new CharacterTaggerArtifact(artifact, TaggerModel.load(artifact, settings.device(), settings.maxBatchSize()),
                artifact.vocabulary()::id);
    }
}
