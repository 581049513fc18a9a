package io.wenliu.models.train.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.train.FloatTensors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class AdamWTest {

    @Test
    void shouldMoveAParameterByItsMultipleOfTheLearningRate() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
            variables.put("weights", tf.variable(tf.constant(new float[] {1f, -1f})));
            variables.put("transitions", tf.variable(tf.constant(new float[] {1f, -1f})));
            // no decay (vectors), no clipping: Adam's first step is the rate times the gradient's sign
            // (x * x, not Square: the C API's gradient of Square crashes)
            Operand<TFloat32> loss = tf.math.add(
                    tf.sum(tf.math.mul(variables.get("weights"), variables.get("weights")), tf.constant(0)),
                    tf.sum(tf.math.mul(variables.get("transitions"), variables.get("transitions")), tf.constant(0)));
            Op step = new AdamW(graph, tf, variables, 0.01f, 1e6f, Map.of("transitions", 100f))
                    .minimize(loss, tf.constant(1e-3f), "gradients");
            session.initialize();
            session.run(step);
            try (Result result = session.runner().fetch(variables.get("weights")).fetch(variables.get("transitions")).run()) {
                float[] weights = FloatTensors.values((TFloat32) result.get(0));
                float[] transitions = FloatTensors.values((TFloat32) result.get(1));
                assertThat(weights[0]).isCloseTo(1f - 1e-3f, within(1e-5f));
                assertThat(weights[1]).isCloseTo(-1f + 1e-3f, within(1e-5f));
                assertThat(transitions[0]).isCloseTo(1f - 0.1f, within(1e-4f));
                assertThat(transitions[1]).isCloseTo(-1f + 0.1f, within(1e-4f));
            }
        }
    }

    @Test
    void shouldRefuseAMultiplierForAnUnknownParameter() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Map<String, Variable<TFloat32>> variables = Map.of("weights", tf.variable(tf.constant(new float[] {1f})));
            assertThatThrownBy(() -> new AdamW(graph, tf, variables, 0.01f, 1f, Map.of("transitions", 100f)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transitions");
        }
    }
}
