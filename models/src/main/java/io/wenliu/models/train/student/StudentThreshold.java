package io.wenliu.models.train.student;

import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.similarity.OpenDomainThreshold;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.train.SavedModelExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Sets an exported student's "same meaning" threshold for open-domain questions ({@link OpenDomainThreshold}: a seeded
 * half of lcqmc dev chooses, the other half reports), as the similarity teacher's is set. The threshold training chose
 * on the bq/atec/stsb validation pairs stays in the manifest as {@code similarityThresholdOnValidation}: it sits too
 * high for open-domain questions (the second student: 0.870, lcqmc dev 0.593 at it, 0.655 at its best). The model
 * card gains both halves' figures. Stateless.
 */
public final class StudentThreshold {
    private StudentThreshold() {
    }

    /** Chooses and writes the threshold of the student in {@code artifact}, served as the stream serves it. */
    public static OpenDomainThreshold.Result write(Path datasets, Path artifact) throws IOException {
        OpenDomainThreshold.Result result;
        try (SentenceEncoder encoder = SentenceEncoder.open(artifact, "cpu", 64)) {
            result = OpenDomainThreshold.choose(datasets, encoder);
        }
        String card = String.format(Locale.ROOT, "%n## Similarity threshold (set after export)%n%n"
                        + "Open-domain questions need a cosine threshold of their own, not the one the bq/atec/stsb "
                        + "validation pairs chose, so the served "
                        + "threshold is chosen as the similarity teacher's is: on a seeded half of lcqmc dev (LCQMC ships no "
                        + "train split here); the other half chose nothing.%n%n| split | pair accuracy | pairs |%n|---|---|---|%n"
                        + "| lcqmc dev, validation half (chose the threshold %.4f) | %.4f | %d |%n"
                        + "| lcqmc dev, held-out half (chose nothing) | %.4f | %d |%n", result.threshold(),
                result.validationAccuracy(), result.validationPairs(), result.heldOutAccuracy(), result.heldOutPairs());
        Files.writeString(artifact.resolve(SavedModelExporter.MODEL_CARD), card, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ArtifactFiles.updateManifest(artifact, manifest -> {
            if (!manifest.has("similarityThresholdOnValidation")) {
                manifest.set("similarityThresholdOnValidation", manifest.get("similarityThreshold"));
            }
            manifest.put("similarityThreshold", result.threshold());
            manifest.put("similarityThresholdChosenOn", "a seeded half of lcqmc dev (open-domain questions; no lcqmc train "
                    + "split here); the other half's accuracy " + String.format(Locale.ROOT, "%.4f", result.heldOutAccuracy()));
        });
        return result;
    }
}
