package io.wenliu.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

class WarmStartTest {
    private static final TaggerHyperParameters SOURCE_HP = new TaggerHyperParameters(8, List.of(1, 2), 3, 0f, 1e-3f,
            4, 1, 1, List.of(16), 1, 16, 3, 1L);
    private static final CharVocabulary SOURCE_VOCABULARY = CharVocabulary.of(List.of((int) '天', (int) '地', (int) '人'));

    @TempDir
    static Path artifact;
    private static Map<String, TrainedTagger.Tensor> sourceWeights;
    private static WarmStart warmStart;

    @BeforeAll
    static void exportASourceTagger() throws Exception {
        sourceWeights = randomWeights(SOURCE_HP, SOURCE_VOCABULARY.size(), 4);
        TrainedTagger source = new TrainedTagger(sourceWeights, SOURCE_VOCABULARY, new LabelSet(List.of("B", "M", "E", "S")),
                SOURCE_HP, List.of(), Map.of("f1", 0.5));
        SavedModelExporter.export(source, new SavedModelExporter.Description("source", "segmentation", "1", "BMES",
                16, Map.of(), "test"), "card", artifact);
        warmStart = WarmStart.load(artifact);
    }

    @Test
    void shouldKeepTheSourceIdsAndAppendTheNewCorpusCharacters() {
        CharVocabulary own = CharVocabulary.of(List.of((int) '水', (int) '人'));

        CharVocabulary extended = warmStart.extend(own);

        assertThat(extended.entries()).containsExactly(CharVocabulary.PAD, CharVocabulary.UNKNOWN, "天", "地", "人", "水");
    }

    @Test
    void shouldStartTheFeatureLayersFromTheSourceAndKeepFreshRowsForAppendedCharacters() {
        float[] embeddings = filled(6 * 5, 42f); // two more rows than the source's 4 ids
        float[] block = filled(3 * 8 * 16, 42f);

        assertThat(warmStart.initialise(CharacterEncoder.EMBEDDINGS, new long[] {6, 5}, embeddings)).isTrue();
        assertThat(warmStart.initialise(CharacterEncoder.blockKernel(1), new long[] {24, 16}, block)).isTrue();

        float[] sourceEmbeddings = sourceWeights.get(CharacterEncoder.EMBEDDINGS).values();
        assertThat(Arrays.copyOf(embeddings, sourceEmbeddings.length)).containsExactly(sourceEmbeddings);
        assertThat(Arrays.copyOfRange(embeddings, sourceEmbeddings.length, embeddings.length)).containsOnly(42f);
        assertThat(block).containsExactly(sourceWeights.get(CharacterEncoder.blockKernel(1)).values());
    }

    @Test
    void shouldLeaveTheOutputLayerAndExtraBlocksFresh() {
        float[] output = filled(8 * 7, 42f);

        assertThat(warmStart.initialise(TaggerNetwork.OUTPUT_KERNEL, new long[] {8, 7}, output)).isFalse();
        assertThat(warmStart.initialise(CharacterEncoder.blockKernel(2), new long[] {24, 16}, filled(24 * 16, 0f))).isFalse();
        assertThat(output).containsOnly(42f);
    }

    @Test
    void shouldRefuseLayersOfAnotherWidth() {
        assertThatThrownBy(() -> warmStart.initialise(CharacterEncoder.blockKernel(0), new long[] {48, 32}, new float[48 * 32]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block0_kernel").hasMessageContaining("[24, 16]");
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return values;
    }

    /** Random values for every parameter the network declares, with the shapes it declares them. */
    private static Map<String, TrainedTagger.Tensor> randomWeights(TaggerHyperParameters hp, int vocabularySize, int tags) {
        Random random = new Random(7);
        Map<String, TrainedTagger.Tensor> weights = new LinkedHashMap<>();
        ParameterSource recorder = new ParameterSource() {
            @Override
            public void declare(String name, long... shape) {
                float[] values = new float[Math.toIntExact(Shape.of(shape).size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextFloat();
                }
                weights.put(name, new TrainedTagger.Tensor(shape.clone(), values));
            }

            @Override
            public Operand<TFloat32> get(String name) {
                throw new UnsupportedOperationException();
            }
        };
        new TaggerNetwork(null, hp, vocabularySize, tags, recorder);
        return weights;
    }
}
