package io.wenliu.models.train.student;

import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.StudentSavedModel;
import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.SavedModelExporter;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the trained student as one serving artifact directory, in the layout of
 * {@code models/artifacts/<model>/<version>/}: {@value StudentSavedModel#WEIGHTS} (every weight in half precision;
 * {@link StudentSavedModel} makes the SavedModel of the {@link StudentSignature}, whose one call returns every head's
 * output, from them and the manifest's {@code hyperParameters}), {@code vocab.txt} (the shared vocabulary), {@code <head>/labels.txt} for the
 * segmentation, pos and ner heads, {@code MODEL_CARD.md} and {@code manifest.json} (with the SHA-256 of every
 * file).
 *
 * <p>Only the trained values are stored, so the artifact holds no optimizer state. Stateless.
 */
public final class StudentExporter {
    public static final String MODEL_NAME = "student-dgcnn";

    private StudentExporter() {
    }

    /**
     * @param manifest what the manifest says beyond the files and the model's shape: version, metrics, data,
     *                 command (written in this order after the name, task and signature)
     */
    public static void export(Map<String, float[]> weights, StudentHyperParameters hp, CharVocabulary vocabulary,
                              Map<String, Object> manifest, String modelCard, Path dir) throws IOException {
        Files.createDirectories(dir);
        ArtifactFiles.deleteRecursively(dir.resolve(SavedModelExporter.SAVED_MODEL_DIR));
        StudentSavedModel.writeWeights(dir.resolve(StudentSavedModel.WEIGHTS), weights);
        vocabulary.save(dir);
        Map<String, Object> heads = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (TaggingHead head : TaggingHead.values()) {
            LabelSet labels = head.labels();
            labels.save(Files.createDirectories(dir.resolve(head.prefix())));
            heads.put(head.prefix(), Map.of("scheme", StudentTasks.of(head).scheme(), "labels", head.prefix() + "/" + LabelSet.FILE_NAME));
            outputs.put(head.emissionsOutput(), "float32 [batch, length, " + labels.size() + "]");
            outputs.put(head.transitionsOutput(), "float32 [" + labels.size() + ", " + labels.size() + "]");
        }
        outputs.put(StudentSignature.OUTPUT_SENTIMENT_LOGIT, "float32 [batch]: log-odds that the text is positive");
        outputs.put(StudentSignature.OUTPUT_EMBEDDING, "float32 [batch, " + hp.dimension() + "], L2-normalised");
        heads.put(StudentNetwork.SENTIMENT, Map.of("output", StudentSignature.OUTPUT_SENTIMENT_LOGIT));
        heads.put(StudentNetwork.SIMILARITY, Map.of("output", StudentSignature.OUTPUT_EMBEDDING, "dimension", hp.dimension()));
        Files.writeString(dir.resolve(SavedModelExporter.MODEL_CARD), modelCard, StandardCharsets.UTF_8);

        Map<String, Object> full = new LinkedHashMap<>();
        full.put("name", MODEL_NAME);
        full.put("task", "student");
        full.put("maxLength", hp.maxLength()); // the longest text it was trained on; serving cuts longer ones
        full.put("signature", Map.of("inputs", Map.of(StudentSignature.INPUT_TOKEN_IDS,
                "int32 [batch, length]: ids of vocab.txt, 0 = padding"), "outputs", outputs));
        full.put("heads", heads);
        full.put("normalization", "io.wenliu.models.text.NormalizedText (CharNormalizer; whitespace and invisible characters removed)");
        full.putAll(manifest);
        full.put("hyperParameters", hp);
        ArtifactFiles.writeManifest(dir, full);
    }
}
