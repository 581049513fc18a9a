package io.wenliu.models.bert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertWeightsTest {
    private static BertWeights weights;

    @BeforeAll
    static void readTheOnnxFile() {
        weights = BertWeights.bgeSmallZh();
    }

    @Test
    void shouldReadTheShapeOfBgeSmallZh() {
        assertThat(weights.config(BertConfig.BGE_SMALL_ZH_HEADS))
                .isEqualTo(new BertConfig(21128, 512, 4, 8, 2048, 512, 2));
    }

    @Test
    void shouldNameEveryDenseWeightAfterItsBias() {
        for (int layer = 0; layer < 4; layer++) {
            String prefix = "encoder.layer." + layer + ".";
            for (String dense : new String[] {"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"}) {
                assertThat(weights.get(prefix + dense + ".weight").dims()).containsExactly(512, 512);
            }
            assertThat(weights.get(prefix + "intermediate.dense.weight").dims()).containsExactly(512, 2048);
            assertThat(weights.get(prefix + "output.dense.weight").dims()).containsExactly(2048, 512);
        }
        assertThat(weights.names()).noneMatch(name -> name.startsWith("onnx::"));
    }

    @Test
    void shouldKeepLayerNormWeightsNearOne() {
        float[] gamma = weights.get("embeddings.LayerNorm.weight").values();
        double mean = 0;
        for (float g : gamma) {
            mean += g / gamma.length;
        }
        assertThat(mean).isBetween(0.2, 5.0);
    }
}
