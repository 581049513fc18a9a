package io.wenliu.topology.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Entity;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.similar.SimilaritySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggingStagesTest {

    @Test
    void shouldFillEntitiesWithOffsetsAndConfidenceInOneModelCall() throws Exception {
        FakeTaggers.Scorer scores = FakeTaggers.nerScores();
        try (NerStageFactory factory = new NerStageFactory(FakeTaggers.recognizer(scores));
             EnrichmentStage stage = factory.newStage()) {
            EnrichmentItem withEntities = item("d1", "😀张三在北京");
            EnrichmentItem none = item("d2", "Hello, world!");
            EnrichmentItem failed = item("d3", "张三");
            failed.fail("segmentation", "TEST", "failed earlier", null);

            stage.enrich(List.of(withEntities, none, failed));

            assertThat(withEntities.output().getEntities()).extracting(Entity::getType, Entity::getText,
                    Entity::getStart, Entity::getEnd).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("PER", "张三", 2, 4),
                    org.assertj.core.groups.Tuple.tuple("LOC", "北京", 5, 7));
            assertThat(withEntities.output().getEntities()).allSatisfy(e ->
                    assertThat(e.getConfidence()).isBetween(0.9f, 1f));
            assertThat(none.output().getEntities()).isEmpty();
            assertThat(failed.output().hasEntities()).isFalse();
            assertThat(scores.calls.get()).isEqualTo(1);
            assertThat(factory.name()).isEqualTo("ner");
            assertThat(stage.models()).containsExactly(new ModelVersion("ner", "fake-ner", "3"));
        }
    }

    @Test
    void shouldGiveEveryTokenOnePosConsistentWithTheSegmentation() throws Exception {
        FakeTaggers.Scorer scores = FakeTaggers.posScores();
        try (PosStageFactory factory = new PosStageFactory(FakeTaggers.posTagger(scores));
             EnrichmentStage stage = factory.newStage()) {
            EnrichmentItem tokenized = item("d1", "我 在北京。");
            tokenized.output().setTokens(new ArrayList<>(List.of(new Token("我", 0, 1, null), new Token("在", 2, 3, null),
                    new Token("北京", 3, 5, null), new Token("。", 5, 6, null))));
            EnrichmentItem untokenized = item("d2", "没有分词");
            EnrichmentItem empty = item("d3", "\u3000");
            empty.output().setTokens(new ArrayList<>());

            stage.enrich(List.of(tokenized, untokenized, empty));

            assertThat(tokenized.output().getTokens()).extracting(Token::getPos)
                    .containsExactly("NOUN", "VERB", "NOUN", "PUNCT");
            assertThat(untokenized.output().hasTokens()).isFalse();
            assertThat(empty.output().getTokens()).isEmpty();
            assertThat(scores.calls.get()).isEqualTo(1);
            assertThat(stage.models()).containsExactly(new ModelVersion("pos", "fake-pos", "3"));
        }
    }

    @Test
    void shouldNotCallTheModelWhenNoDocumentHasTokens() throws Exception {
        FakeTaggers.Scorer scores = FakeTaggers.posScores();
        try (PosStageFactory factory = new PosStageFactory(FakeTaggers.posTagger(scores));
             EnrichmentStage stage = factory.newStage()) {
            stage.enrich(List.of(item("d1", "没有分词")));

            assertThat(scores.calls.get()).isZero();
        }
    }

    @Test
    void shouldNotDeployPosWithoutASegmenterWhoseTokensItWouldTag(@TempDir Path models) throws Exception {
        Files.createDirectories(models.resolve("pos/1"));
        Files.writeString(models.resolve("pos/1/manifest.json"), "{}"); // never loaded: no segmenter

        assertThat(ModelStages.open(new ModelSettings(models, "cpu", null, 32))).isEmpty();
    }

    @Test
    void shouldNotOpenTheArtifactOfATaskTheOperatorLeftOut(@TempDir Path models) throws Exception {
        for (String model : List.of("segmenter", "ner", "sentiment", "similarity")) {
            Files.createDirectories(models.resolve(model).resolve("1"));
            Files.writeString(models.resolve(model).resolve("1").resolve("manifest.json"), "{}"); // fails if opened
        }

        assertThat(ModelStages.open(new ModelSettings(models, "cpu", null, 32), EnumSet.noneOf(ModelTask.class),
                SimilaritySettings::defaults)).isEmpty();
        assertThatThrownBy(() -> ModelStages.open(new ModelSettings(models, "cpu", null, 32), EnumSet.of(ModelTask.NER),
                SimilaritySettings::defaults)).as("a chosen task's artifact is opened")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(models.resolve("ner").toString());
    }

    private static EnrichmentItem item(String id, String text) {
        Document document = Document.newBuilder().setId(id).setText(text).setEventTime(Instant.EPOCH).build();
        EnrichedDocument.Builder output = EnrichedDocument.newBuilder().setId(id).setText(text)
                .setEventTime(Instant.EPOCH).setProcessedAt(Instant.EPOCH);
        return new EnrichmentItem(document, output);
    }
}
