package io.wenliu.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/**
 * Compares the C API's gradients of a scalar loss with central finite differences on randomly chosen
 * values of every {@link FedParameters} entry. Test fixture shared by the networks' gradient checks.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * @param fetch     runs the graph with the parameters' current values fed and returns an output's values
     * @param trials    values checked per parameter
     * @param tolerance largest accepted relative error
     */
    public static void assertFiniteDifferencesMatch(Graph graph, Operand<TFloat32> loss, FedParameters params,
                                                    Function<Output<?>, float[]> fetch, int trials, float eps,
                                                    double tolerance) {
        assertFiniteDifferencesMatch(graph, loss, params, name -> true, fetch, trials, eps, tolerance);
    }

    /** As above, for the parameters {@code checked} accepts only (those the loss depends on). */
    public static void assertFiniteDifferencesMatch(Graph graph, Operand<TFloat32> loss, FedParameters params,
                                                    Predicate<String> checked, Function<Output<?>, float[]> fetch,
                                                    int trials, float eps, double tolerance) {
        List<String> names = params.values.keySet().stream().filter(checked).toList();
        Output<?>[] xs = names.stream().map(n -> params.placeholders.get(n).asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients("check", new Output<?>[] {loss.asOutput()}, xs, null);

        Random random = new Random(7);
        for (int p = 0; p < names.size(); p++) {
            String name = names.get(p);
            float[] analytic = fetch.apply(grads[p]);
            float[] values = params.values.get(name);
            for (int trial = 0; trial < trials; trial++) {
                int i = random.nextInt(values.length);
                float original = values[i];
                values[i] = original + eps;
                double plus = fetch.apply(loss.asOutput())[0];
                values[i] = original - eps;
                double minus = fetch.apply(loss.asOutput())[0];
                values[i] = original;
                double numeric = (plus - minus) / (2 * eps);
                double error = Math.abs(numeric - analytic[i]) / Math.max(Math.abs(numeric) + Math.abs(analytic[i]), 1e-2);
                assertThat(error).as("relative gradient error of %s[%d]: numeric %s, analytic %s", name, i, numeric, analytic[i])
                        .isLessThan(tolerance);
            }
        }
    }
}
