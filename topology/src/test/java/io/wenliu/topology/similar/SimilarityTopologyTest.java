package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.Topics;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.SimilarDocument;
import io.wenliu.serdes.avro.SimilarityLink;
import io.wenliu.topology.StoreNames;
import io.wenliu.topology.WenliuTopology;
import io.wenliu.topology.batch.BatchSettings;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.FakeStages;
import io.wenliu.topology.testing.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimilarityTopologyTest {
    private static final int DIMENSION = 64;
    private static final String WEATHER = "今天北京的天气很好，我们下午去公园散步吧";
    private static final String WEATHER_AGAIN = "今天北京的天气很好，我们下午去公园散散步吧";
    private static final String LOAN = "花呗的额度为什么突然降低了，怎么才能提高";

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, EnrichedDocument> enriched;
    private TestOutputTopic<String, SimilarityLink> links;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Small banding (8 × 6 bits) so that moderately similar texts meet; top 3 at cosine ≥ 0.3; near-duplicates at 0.8. */
    private static SimilaritySettings testSettings() {
        return SimilaritySettings.defaults(0.8f).withBanding(8, 6).withScores(3, 0.3f, 0.8f);
    }

    private void start(SimilaritySettings settings) {
        NgramEmbeddingStageFactory stages = new NgramEmbeddingStageFactory(DIMENSION, settings);
        driver = new TopologyTestDriver(WenliuTopology.build(
                TestSettings.topology(new BatchSettings(1, Duration.ofSeconds(1))), List.of(stages), registry),
                TestSettings.streamsProperties(), Documents.EVENT_TIME);
        input = driver.createInputTopic(Topics.DOCUMENTS, new StringSerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                AvroSerde.enrichedDocument().deserializer());
        links = driver.createOutputTopic(settings.similarTopic(), new StringDeserializer(),
                SimilarityTopology.linkSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(String id, String text, Instant time) {
        input.pipeInput(id, Documents.bytes(Documents.document(id, text)), time);
    }

    private Map<String, EnrichedDocument> enrichedById() {
        return enriched.readValuesToList().stream()
                .collect(Collectors.toMap(EnrichedDocument::getId, Function.identity()));
    }

    @Test
    void shouldLinkANearDuplicateToTheEarlierDocument() {
        start(testSettings());

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        send("doc-2", LOAN, Documents.EVENT_TIME.plusSeconds(1));
        send("doc-3", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(2));

        Map<String, EnrichedDocument> output = enrichedById();
        assertThat(output).containsOnlyKeys("doc-1", "doc-2", "doc-3");
        assertThat(output.get("doc-1").getSimilar()).isEmpty();
        assertThat(output.get("doc-1").getNearDuplicateOf()).isNull();
        EnrichedDocument duplicate = output.get("doc-3");
        assertThat(duplicate.getSimilar()).extracting(SimilarDocument::getId).containsExactly("doc-1");
        assertThat(duplicate.getSimilar().get(0).getScore()).isGreaterThan(0.8f).isLessThan(1f);
        assertThat(duplicate.getNearDuplicateOf()).isEqualTo("doc-1");
        assertThat(duplicate.getEmbedding()).as("embedding left out by default").isNull();
        assertThat(duplicate.getText()).isEqualTo(WEATHER_AGAIN);
        assertThat(duplicate.getModels()).extracting(m -> m.getName()).containsExactly("hashed-char-ngrams-64");

        assertThat(links.readValuesToList())
                .extracting(SimilarityLink::getDocumentId, SimilarityLink::getSimilarId, SimilarityLink::getRank,
                        SimilarityLink::getNearDuplicate)
                .containsExactly(tuple("doc-3", "doc-1", 0, true));
    }

    @Test
    void shouldScoreWithTheCosineOfTheEmbeddings() {
        start(testSettings());
        NgramEmbeddingStageFactory embedder = new NgramEmbeddingStageFactory(DIMENSION, testSettings());

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        send("doc-2", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(1));

        float expected = UnitVectors.dot(embedder.embed(WEATHER), embedder.embed(WEATHER_AGAIN));
        SimilarDocument similar = enrichedById().get("doc-2").getSimilar().get(0);
        assertThat(similar.getScore()).as("the index keeps vectors in 16-bit fixed point").isCloseTo(expected, within(1e-5f));
    }

    @Test
    void shouldFindCopiesThroughTheDocumentsTheyCopyAndNotIndexThem() {
        start(testSettings());

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        send("doc-2", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(1)); // close to doc-1, not the same
        for (int copy = 3; copy <= 7; copy++) { // a flood of exact copies of doc-2
            send("doc-" + copy, WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(copy));
        }

        Map<String, EnrichedDocument> output = enrichedById();
        assertThat(output.get("doc-2").getNearDuplicateOf()).isEqualTo("doc-1");
        for (int copy = 3; copy <= 7; copy++) {
            EnrichedDocument document = output.get("doc-" + copy);
            assertThat(document.getNearDuplicateOf()).as("doc-%d: the earliest", copy).isEqualTo("doc-1");
            // doc-2 is in the buckets doc-1 is not in; the copies after it are in none, so they never
            // fill the buckets every lookup scans, and never crowd doc-1 and doc-2 out of the top k
            assertThat(document.getSimilar()).as("doc-%d", copy).extracting(SimilarDocument::getId)
                    .containsExactly("doc-2", "doc-1");
            assertThat(document.getSimilar().get(0).getScore()).isEqualTo(1f, offset(1e-5f));
        }
    }

    @Test
    void shouldReportAtMostTopKDocuments() {
        start(testSettings().withScores(1, 0.3f, 0.8f));

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        send("doc-2", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(1));
        send("doc-3", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(2));

        assertThat(enrichedById().get("doc-3").getSimilar()).as("doc-1 is similar too, but ranks second")
                .extracting(SimilarDocument::getId).containsExactly("doc-2");
    }

    @Test
    void shouldNotReportDocumentsBelowTheMinimumScore() {
        NgramEmbeddingStageFactory embedder = new NgramEmbeddingStageFactory(DIMENSION, testSettings());
        float paraphrase = UnitVectors.dot(embedder.embed(WEATHER), embedder.embed(WEATHER_AGAIN));
        start(testSettings().withScores(3, (paraphrase + 1) / 2, 0.8f)); // between the paraphrase and a copy

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        send("doc-2", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(1));
        send("doc-3", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(2));

        Map<String, EnrichedDocument> output = enrichedById();
        assertThat(output.get("doc-2").getSimilar()).isEmpty();
        assertThat(output.get("doc-3").getSimilar()).extracting(SimilarDocument::getId).containsExactly("doc-2");
    }

    @Test
    void shouldIncludeTheEmbeddingWhenConfigured() {
        start(testSettings().withIncludeEmbedding(true));

        send("doc-1", WEATHER, Documents.EVENT_TIME);

        List<Float> embedding = enriched.readValue().getEmbedding();
        assertThat(embedding).hasSize(DIMENSION);
        double norm = Math.sqrt(embedding.stream().mapToDouble(x -> x * x).sum());
        assertThat(norm).isCloseTo(1.0, offset(1e-5));
    }

    @Test
    void shouldForgetDocumentsOlderThanTheMaximumAge() {
        start(testSettings().withRetention(Duration.ofHours(1), 1000, 1000));

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        driver.advanceWallClockTime(Duration.ofHours(2)); // retention never runs ahead of the wall clock
        send("doc-2", LOAN, Documents.EVENT_TIME.plus(Duration.ofHours(2)));
        send("doc-3", WEATHER_AGAIN, Documents.EVENT_TIME.plus(Duration.ofHours(2)));

        assertThat(enrichedById().get("doc-3").getSimilar()).isEmpty();
    }

    @Test
    void shouldKeepAtMostTheConfiguredNumberOfDocuments() {
        start(testSettings().withRetention(Duration.ofDays(1), 1, 1000));

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        send("doc-2", LOAN, Documents.EVENT_TIME.plusSeconds(1));
        send("doc-3", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(2));

        assertThat(enrichedById().get("doc-3").getSimilar()).isEmpty();
    }

    @Test
    void shouldNotLinkADocumentToALaterOne() {
        start(testSettings());

        send("doc-2", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(5));
        send("doc-1", WEATHER, Documents.EVENT_TIME); // arrives late, but happened before doc-2

        Map<String, EnrichedDocument> output = enrichedById();
        assertThat(output.get("doc-2").getSimilar()).isEmpty();
        assertThat(output.get("doc-1").getSimilar()).as("doc-2 is later, even though it arrived first").isEmpty();
    }

    @Test
    void shouldWriteOneEnrichedRecordPerDocumentAndWaitForNothing() {
        start(testSettings());

        for (int i = 0; i < 20; i++) {
            send("doc-" + i, i % 2 == 0 ? WEATHER : LOAN + i, Documents.EVENT_TIME.plusSeconds(i));
        }

        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).doesNotHaveDuplicates().hasSize(20);
        try (var waiting = driver.<String, PendingSimilarity>getKeyValueStore(StoreNames.SIMILARITY_PENDING).all()) {
            assertThat(waiting.hasNext()).as("no document left waiting for band answers").isFalse();
        }
    }

    @Test
    void shouldRepartitionByBandKeyAndThenByDocumentId() {
        TopologyDescription description = WenliuTopology.build(TestSettings.topology(),
                List.of(new NgramEmbeddingStageFactory(DIMENSION, testSettings())), registry).describe();

        assertThat(description.subtopologies()).hasSize(3);
        assertThat(description.toString()).contains(SimilarityTopology.BANDS_TOPIC, SimilarityTopology.ANSWERS_TOPIC);
    }

    @Test
    void shouldEnrichEveryDocumentWhenAnIdRepeatsWithDifferentTexts() {
        // finding 4: pending state was keyed by id, so the first of two documents with one id was lost
        start(testSettings());

        send("same", WEATHER, Documents.EVENT_TIME);
        send("same", LOAN, Documents.EVENT_TIME.plusSeconds(1));
        send("same", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(2));

        assertThat(enriched.readValuesToList()).extracting(EnrichedDocument::getText)
                .containsExactlyInAnyOrder(WEATHER, LOAN, WEATHER_AGAIN);
        try (var waiting = driver.<String, PendingSimilarity>getKeyValueStore(StoreNames.SIMILARITY_PENDING).all()) {
            assertThat(waiting.hasNext()).isFalse();
        }
    }

    @Test
    void shouldKeepIndexingAfterOneFarFutureTimestamp() {
        // finding 10: stream time jumped a year ahead and eviction emptied the index for good
        start(testSettings().withRetention(Duration.ofHours(1), 1000, 1000));

        send("doc-1", WEATHER, Documents.EVENT_TIME);
        send("future", LOAN, Documents.EVENT_TIME.plus(Duration.ofDays(365)));
        send("doc-2", WEATHER_AGAIN, Documents.EVENT_TIME.plusSeconds(5));

        assertThat(enrichedById().get("doc-2").getSimilar()).extracting(SimilarDocument::getId).containsExactly("doc-1");
    }

    @Test
    void shouldDeadLetterADocumentWhoseEmbeddingIsNotUnitLengthAndKeepGoing() {
        // finding 7: the fan-out threw for a non-unit embedding, which stopped every instance in turn
        NgramEmbeddingStageFactory stages = new NgramEmbeddingStageFactory(DIMENSION, testSettings());
        driver = new TopologyTestDriver(WenliuTopology.build(
                TestSettings.topology(new BatchSettings(1, Duration.ofSeconds(1))),
                List.of(stages, FakeStages.warpingEmbeddingOf("warped")), registry),
                TestSettings.streamsProperties(), Documents.EVENT_TIME);
        input = driver.createInputTopic(Topics.DOCUMENTS, new StringSerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                AvroSerde.enrichedDocument().deserializer());
        var deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, new StringDeserializer(),
                AvroSerde.deadLetter().deserializer());

        send("warped", WEATHER, Documents.EVENT_TIME);
        send("fine", LOAN, Documents.EVENT_TIME.plusSeconds(1));

        assertThat(enrichedById()).containsOnlyKeys("fine");
        var letter = deadLetters.readValue();
        assertThat(letter.getReasonCode()).isEqualTo("INVALID_OUTPUT");
        assertThat(letter.getErrorMessage()).contains("not a finite unit vector of dimension " + DIMENSION);
    }

    @Test
    void shouldWriteADocumentWhoseBandAnswerWasLostOnceTheAnswersHaveMovedOnTooFar() {
        // finding 10: a pending entry whose answer never comes used to wait for ever
        start(testSettings());
        EnrichedDocument document = EnrichedDocument.newBuilder().setId("orphan").setText(WEATHER)
                .setEventTime(Documents.EVENT_TIME).setProcessedAt(Documents.EVENT_TIME).build();
        var store = driver.<String, PendingSimilarity>getKeyValueStore(StoreNames.SIMILARITY_PENDING);
        store.put("wenliu.documents-0@99", new PendingSimilarity(AvroSerde.enrichedDocument().toBytes(document), 8,
                0b11L, List.of(), null, Documents.EVENT_TIME.toEpochMilli()));
        store.put("wenliu.documents-0@98", new PendingSimilarity(null, -1, 0b1L, List.of(), null,
                Documents.EVENT_TIME.toEpochMilli()));

        driver.advanceWallClockTime(SimilarityMergeProcessor.PENDING_TIMEOUT.plusMinutes(1));
        assertThat(enriched.isEmpty()).as("a backlog is not a loss: stream time has not moved").isTrue();
        send("later", LOAN, Documents.EVENT_TIME.plus(SimilarityMergeProcessor.PENDING_TIMEOUT.plusMinutes(1)));
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        Map<String, EnrichedDocument> output = enrichedById();
        assertThat(output).containsOnlyKeys("later", "orphan");
        assertThat(output.get("orphan").getSimilar()).isEmpty();
        try (var waiting = store.all()) {
            assertThat(waiting.hasNext()).as("answers without a document are dropped too").isFalse();
        }
        assertThat(registry.counter(SimilarityMergeProcessor.EXPIRED_METER).count()).isEqualTo(1);
    }
}
