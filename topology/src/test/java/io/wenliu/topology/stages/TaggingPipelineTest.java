package io.wenliu.topology.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.Topics;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.EntityMention;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.FakeStages;
import io.wenliu.topology.testing.TestPipeline;
import io.wenliu.topology.testing.TestSettings;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tagging stages in the production topology: token POS, entities and the entities facet topic. */
class TaggingPipelineTest {
    private TestPipeline pipeline;
    private TestOutputTopic<String, EntityMention> mentions;

    @BeforeEach
    void startPipeline() {
        pipeline = new TestPipeline(List.of(FakeStages.characterTokenizer(),
                new PosStageFactory(FakeTaggers.posTagger(FakeTaggers.posScores())),
                new NerStageFactory(FakeTaggers.recognizer(FakeTaggers.nerScores()))));
        mentions = pipeline.driver().createOutputTopic(Topics.ENTITIES, new StringDeserializer(),
                AvroSerde.entityMention().deserializer());
    }

    @AfterEach
    void closePipeline() {
        pipeline.close();
    }

    @Test
    void shouldWriteOneEntityMentionPerEntityKeyedByDocumentId() {
        pipeline.send(Documents.document("doc-1", "张三在北京😀。"));
        pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

        EnrichedDocument enriched = pipeline.enriched().readValue();
        assertThat(enriched.getEntities()).hasSize(2);
        List<TestRecord<String, EntityMention>> records = mentions.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsExactly("doc-1", "doc-1");
        assertThat(records).extracting(TestRecord::value).extracting(EntityMention::getDocumentId, EntityMention::getType,
                EntityMention::getText, EntityMention::getStart, EntityMention::getEnd).containsExactly(
                org.assertj.core.groups.Tuple.tuple("doc-1", "PER", "张三", 0, 2),
                org.assertj.core.groups.Tuple.tuple("doc-1", "LOC", "北京", 3, 5));
        assertThat(records).allSatisfy(r -> {
            assertThat(r.value().getEventTime()).isEqualTo(Documents.EVENT_TIME);
            assertThat(r.value().getConfidence()).isEqualTo(enriched.getEntities().get(0).getConfidence());
        });
    }

    @Test
    void shouldTagEveryTokenAndRecordEveryModel() {
        pipeline.send(Documents.document("doc-1", Documents.MIXED_TEXT));
        pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

        EnrichedDocument enriched = pipeline.enriched().readValue();
        assertThat(enriched.getTokens()).isNotEmpty().extracting(Token::getPos).doesNotContainNull();
        assertThat(enriched.getTokens()).filteredOn(t -> t.getText().equals("在")).extracting(Token::getPos)
                .containsExactly("VERB");
        assertThat(enriched.getModels()).extracting(m -> m.getStage()).containsExactly("segmentation", "pos", "ner");
    }

    @Test
    void shouldWriteNoMentionsForDocumentsWithoutEntities() {
        pipeline.send(Documents.document("doc-1", "Hello, world! 42"));
        pipeline.send(Documents.document("doc-2", "😀🎉"));
        pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

        assertThat(pipeline.enriched().readValuesToList()).hasSize(2)
                .allSatisfy(d -> assertThat(d.getEntities()).isEmpty());
        assertThat(mentions.isEmpty()).isTrue();
        assertThat(pipeline.deadLetters().isEmpty()).isTrue();
    }
}
