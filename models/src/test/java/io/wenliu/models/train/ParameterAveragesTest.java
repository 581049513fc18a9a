package io.wenliu.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ParameterAveragesTest {

    @Test
    void shouldStartAtTheInitialWeightsAndFollowThemWithTheWarmUpDecay() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters params = new TrainableParameters(tf, 1L);
            params.declare("bias", 2); // vectors start at zero
            ParameterAverages averages = new ParameterAverages(tf, params, 0.99f);
            Op setWeights = tf.assign(params.get("bias"), tf.constant(new float[] {10f, -10f}));
            session.initialize();
            assertThat(values(averages, session)).containsExactly(0f, 0f);

            session.runner().addTarget(setWeights).run();
            averages.update(session); // step 1: d = min(0.99, 2/11)
            float moved = 10f * (1f - 2f / 11f);
            assertThat(values(averages, session)).containsExactly(new float[] {moved, -moved}, offset(1e-5f));

            averages.update(session); // step 2: d = min(0.99, 3/12)
            float again = moved + (10f - moved) * (1f - 3f / 12f);
            assertThat(values(averages, session)).containsExactly(new float[] {again, -again}, offset(1e-5f));
        }
    }

    @Test
    void shouldServeANetworkItsAveragesUnderTheParameterNames() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            TrainableParameters params = new TrainableParameters(tf, 1L);
            params.declare("kernel", 2, 3);
            ParameterAverages averages = new ParameterAverages(tf, params, 0.9f);

            averages.declare("kernel", 2, 3);
            assertThat(averages.get("kernel")).isNotSameAs(params.get("kernel"));
            assertThatThrownBy(() -> averages.declare("kernel", 3, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> averages.declare("other", 2)).isInstanceOf(IllegalArgumentException.class);
            session.initialize();
            Map<String, float[]> averaged = averages.snapshot(session, (shape, values) -> values);
            assertThat(averaged.get("kernel")).containsExactly(params.snapshot(session, (shape, values) -> values).get("kernel"));
        }
    }

    private static float[] values(ParameterAverages averages, Session session) {
        return averages.snapshot(session, (shape, values) -> values).get("bias");
    }
}
