package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.similarity.OpenDomainThreshold;
import io.wenliu.models.similarity.SentenceEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The similarity teacher: bge-small-zh-v1.5's sentence embeddings as they are (L2-normalised [CLS],
 * no fine-tuning), served by the similarity stage like any similarity artifact. Only the decision
 * threshold is chosen ({@link OpenDomainThreshold}): LCQMC ships no train split here, so it is chosen on a seeded
 * half of lcqmc dev and the accuracy reported on the other half, which chose nothing. The
 * artifact has no weights at all, only its manifest and model card.
 */
public final class TeacherSimilarity {
    private TeacherSimilarity() {
    }

    /** Writes the artifact to {@code dir}, choosing its threshold as the class comment says. */
    public static OpenDomainThreshold.Result write(Path datasets, Path dir, String version, String command) throws IOException {
        Files.createDirectories(dir);
        writeManifest(dir, version, 0.5f, Map.of(), command); // provisional, so the encoder can be opened
        OpenDomainThreshold.Result result;
        try (SentenceEncoder encoder = SentenceEncoder.open(dir, "cpu", 64)) {
            result = OpenDomainThreshold.choose(datasets, encoder);
        }
        String card = "# Similarity teacher: bge-small-zh-v1.5 sentence embeddings, zero-shot\n\n"
                + "L2-normalised [CLS] vectors of " + BertClassifierExporter.ENCODER + " as published (no fine-tuning); "
                + "cosine at or above the threshold means \"same meaning\". LCQMC has no train split here, so the threshold "
                + "was chosen on a seeded half of lcqmc dev and the other half reports.\n\n"
                + "| split | pair accuracy | pairs |\n|---|---|---|\n"
                + String.format("| lcqmc dev, validation half (chose the threshold %.4f) | %.4f | %d |%n", result.threshold(),
                        result.validationAccuracy(), result.validationPairs())
                + String.format("| lcqmc dev, held-out half (chose nothing) | %.4f | %d |%n%n", result.heldOutAccuracy(),
                        result.heldOutPairs())
                + "Command: `" + command + "`\n";
        Files.writeString(dir.resolve("MODEL_CARD.md"), card, StandardCharsets.UTF_8);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("lcqmcDevValidationHalfAccuracy", result.validationAccuracy());
        metrics.put("lcqmcDevHeldOutHalfAccuracy", result.heldOutAccuracy());
        writeManifest(dir, version, result.threshold(), metrics, command);
        return result;
    }

    private static void writeManifest(Path dir, String version, float threshold, Map<String, Object> metrics,
                                      String command) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "similarity-bge-small-zh");
        manifest.put("task", "similarity");
        manifest.put("version", version);
        manifest.put("dimension", 512);
        manifest.put("maxLength", 512);
        manifest.put("threshold", threshold);
        manifest.put("encoder", Map.of("weights", BertClassifierExporter.ENCODER, "onnx", BertWeights.BGE_SMALL_ZH_ONNX,
                "fineTuned", "nothing (zero-shot)", "pooling", "[CLS], L2-normalised",
                "tokenizer", "bge-small-zh-v1.5-tokenizer.json ([CLS] text [SEP], first 510 pieces)"));
        manifest.put("metrics", metrics);
        manifest.put("command", command);
        ArtifactFiles.writeManifest(dir, manifest);
    }
}
