package io.wenliu.models.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Where a model's embeddings lie, measured on training texts: their mean and their principal axes of largest
 * variance (manifest {@code mean} and {@code axes}). Trained embeddings fill a narrow cone and vary along a few
 * axes only; the similarity index's {@code RandomHyperplaneLsh} passes its hyperplanes through the mean and leans
 * them away from those axes, or its buckets hold most of the index. Immutable (the arrays are not copied: do not change them).
 *
 * @param mean      the mean embedding
 * @param axes      unit principal axes, largest variance first (none: the hyperplanes only pass through the mean)
 * @param variances the embeddings' variance along each axis
 */
public record EmbeddingSpread(float[] mean, float[][] axes, float[] variances) {
    /** Axes measured by default: the index hashes as well with 16 as with all 512 (docs/BENCHMARKS.md). */
    public static final int AXES = 16;

    public EmbeddingSpread {
        if (axes.length != variances.length) {
            throw new IllegalArgumentException(axes.length + " axes but " + variances.length + " variances");
        }
        for (float[] axis : axes) {
            if (axis.length != mean.length) {
                throw new IllegalArgumentException("An axis has " + axis.length + " components, the mean " + mean.length);
            }
        }
        for (int i = 1; i < variances.length; i++) {
            if (variances[i] > variances[i - 1]) {
                throw new IllegalArgumentException("Axes must come largest variance first: " + Arrays.toString(variances));
            }
        }
    }

    /** Only a mean (no axes): what artifacts measured before the axes were. */
    public static EmbeddingSpread centredOn(float[] mean) {
        return new EmbeddingSpread(mean, new float[0][], new float[0]);
    }

    public int dimension() {
        return mean.length;
    }

    /** The mean and the {@code axisCount} principal axes of largest variance of {@code vectors}. */
    public static EmbeddingSpread measure(List<float[]> vectors, int axisCount) {
        if (vectors.size() < 2) {
            throw new IllegalArgumentException("Need at least two vectors to measure their spread, got " + vectors.size());
        }
        int n = vectors.size();
        int d = vectors.get(0).length;
        double[] mean = new double[d];
        for (float[] v : vectors) {
            for (int i = 0; i < d; i++) {
                mean[i] += v[i];
            }
        }
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int r = 0; r < n; r++) {
            float[] v = vectors.get(r);
            for (int i = 0; i < d; i++) {
                centred.unsafe_set(r, i, v[i] - mean[i] / n);
            }
        }
        DMatrixRMaj covariance = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centred, centred, covariance);
        CommonOps_DDRM.divide(covariance, n - 1);
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eigen.decompose(covariance)) {
            throw new IllegalStateException("The eigendecomposition of the embeddings' covariance did not converge");
        }
        int[] largestFirst = IntStream.range(0, eigen.getNumberOfEigenvalues()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -eigen.getEigenvalue(i).real)).mapToInt(i -> i)
                .limit(Math.min(axisCount, d)).toArray();
        float[][] axes = new float[largestFirst.length][d];
        float[] variances = new float[largestFirst.length];
        for (int k = 0; k < largestFirst.length; k++) {
            DMatrixRMaj axis = eigen.getEigenVector(largestFirst[k]);
            double norm = CommonOps_DDRM.elementSum(CommonOps_DDRM.elementMult(axis, axis, null));
            for (int i = 0; i < d; i++) {
                axes[k][i] = (float) (axis.get(i) / Math.sqrt(norm));
            }
            variances[k] = (float) Math.max(0, eigen.getEigenvalue(largestFirst[k]).real);
        }
        float[] meanF = new float[d];
        for (int i = 0; i < d; i++) {
            meanF[i] = (float) (mean[i] / n);
        }
        return new EmbeddingSpread(meanF, axes, variances);
    }

    /** The spread in {@code manifest}, or null when it has no {@code mean}. */
    public static EmbeddingSpread read(JsonNode manifest) {
        JsonNode mean = manifest.get("mean");
        if (mean == null || !mean.isArray()) {
            return null;
        }
        JsonNode axes = manifest.path("axes");
        float[][] directions = new float[axes.path("directions").size()][];
        for (int k = 0; k < directions.length; k++) {
            directions[k] = floats(axes.path("directions").get(k));
        }
        return new EmbeddingSpread(floats(mean), directions, floats(axes.path("variances")));
    }

    /** Writes the spread into {@code manifest} ({@code mean}, and {@code axes} when there are any). */
    public void write(ObjectNode manifest) {
        putFloats(manifest.putArray("mean"), mean);
        if (axes.length == 0) {
            manifest.remove("axes");
            return;
        }
        ObjectNode node = manifest.putObject("axes");
        putFloats(node.putArray("variances"), variances);
        ArrayNode directions = node.putArray("directions");
        for (float[] axis : axes) {
            putFloats(directions.addArray(), axis);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    private static void putFloats(ArrayNode array, float[] values) {
        for (float v : values) {
            array.add(v);
        }
    }
}
