package io.wenliu.models.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.vectors.UnitVectors;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-document embeddings with the committed similarity model: every part of a long document counts. */
class DocumentEmbeddingIT {
    private static final Path MODELS = Path.of(System.getProperty("wenliu.models.dir", "artifacts"));
    private static final String WEATHER = "今天北京天气晴朗，气温二十度左右，非常适合户外活动。公园里有很多人在散步和放风筝。";
    private static final String MARKET = "昨天股市大幅下跌，上证指数收盘下跌百分之三，银行板块领跌，成交量明显放大，投资者情绪低迷。";

    @Test
    void shouldEmbedEveryPartOfALongDocumentNotOnlyItsBeginning() throws Exception {
        Path artifact = ModelArtifact.latestVersion(MODELS, SimilarityArtifact.MODEL).orElseThrow();
        try (SentenceEncoder encoder = SentenceEncoder.open(artifact, "cpu", 8)) {
            String document = WEATHER + MARKET; // longer than the model's 48 characters
            float[] whole = encoder.encodeDocuments(List.of(document)).get(0);
            float[] beginning = encoder.encode(List.of(document)).get(0);
            float[] market = encoder.encode(List.of(MARKET)).get(0);

            assertThat(UnitVectors.isUnit(whole, encoder.dimension())).isTrue();
            assertThat(UnitVectors.dot(whole, market)).isGreaterThan(UnitVectors.dot(beginning, market));
        }
    }

    @Test
    void shouldEmbedADocumentThatFitsAsASentence() throws Exception {
        Path artifact = ModelArtifact.latestVersion(MODELS, SimilarityArtifact.MODEL).orElseThrow();
        try (SentenceEncoder encoder = SentenceEncoder.open(artifact, "cpu", 8)) {
            List<String> texts = List.of("花呗的额度为什么降低了？", "今天天气很好");
            List<float[]> documents = encoder.encodeDocuments(texts);
            List<float[]> sentences = encoder.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                for (int d = 0; d < encoder.dimension(); d++) {
                    assertThat(documents.get(i)[d]).isCloseTo(sentences.get(i)[d], within(1e-6f));
                }
            }
        }
    }
}
