package io.wenliu.models.bert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HalfPrecisionWeightsTest {

    @Test
    void shouldConvertExactlyRepresentableValuesExactly() {
        for (float v : new float[] {0f, -0f, 1f, -2f, 0.5f, 65504f, 0x1p-14f, 0x1p-24f, 1.5f, -0.099975586f}) {
            assertThat(HalfPrecisionWeights.toFloat(HalfPrecisionWeights.toHalf(v))).isEqualTo(v);
        }
    }

    @Test
    void shouldRoundToTheNearestHalfAndSaturateToInfinity() {
        assertThat(HalfPrecisionWeights.toFloat(HalfPrecisionWeights.toHalf(1f + 0x1p-11f))).isEqualTo(1f); // tie to even
        assertThat(HalfPrecisionWeights.toFloat(HalfPrecisionWeights.toHalf(1f + 0x1p-10f))).isEqualTo(1f + 0x1p-10f);
        assertThat(HalfPrecisionWeights.toFloat(HalfPrecisionWeights.toHalf(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfPrecisionWeights.toFloat(HalfPrecisionWeights.toHalf(1e-9f))).isZero();
        assertThat(HalfPrecisionWeights.toFloat(HalfPrecisionWeights.toHalf(Float.NaN))).isNaN();
    }

    @Test
    void shouldKeepThreeSignificantDigitsThroughAFile(@TempDir Path dir) throws IOException {
        Random random = new Random(1);
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(6) - 4));
        }
        Map<String, OnnxGraph.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("encoder.layer.0.output.dense.weight", new OnnxGraph.Tensor("encoder.layer.0.output.dense.weight", new long[] {10, 100}, values));
        Path file = dir.resolve("weights.f16");

        HalfPrecisionWeights.write(file, tensors);
        OnnxGraph.Tensor read = HalfPrecisionWeights.read(file).get("encoder.layer.0.output.dense.weight");

        assertThat(read.dims()).containsExactly(10, 100);
        for (int i = 0; i < values.length; i++) {
            double tolerance = Math.abs(values[i]) < 6.1e-5 ? 6e-8 : Math.abs(values[i]) * 4.9e-4; // subnormal step, else 2^-11
            assertThat((double) read.values()[i]).isCloseTo(values[i], org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
