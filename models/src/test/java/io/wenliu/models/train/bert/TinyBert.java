package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertEncoder;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.graph.ParameterSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Random stand-ins for pre-trained encoders, so fine-tuning tests run in seconds. Test fixture. */
final class TinyBert {
    private TinyBert() {
    }

    /** BERT-like random weights: N(0, 0.02) matrices and embeddings, LayerNorm at (1, 0). */
    static BertWeights randomWeights(BertConfig config, Random random) {
        Map<String, OnnxGraph.Tensor> tensors = new HashMap<>();
        ParameterSource collector = new ParameterSource() {
            @Override
            public void declare(String name, long... shape) {
                long size = 1;
                for (long d : shape) {
                    size *= d;
                }
                float[] values = new float[Math.toIntExact(size)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = name.endsWith("LayerNorm.weight") ? 1f
                            : name.endsWith(".bias") ? 0f : (float) (random.nextGaussian() * 0.02);
                }
                tensors.put(name, new OnnxGraph.Tensor(name, shape, values));
            }

            @Override
            public Operand<TFloat32> get(String name) {
                throw new UnsupportedOperationException();
            }
        };
        try (Graph graph = new Graph()) {
            new BertEncoder(Ops.create(graph), config, collector, null);
        }
        return new BertWeights(tensors);
    }
}
