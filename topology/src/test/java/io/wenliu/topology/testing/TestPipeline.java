package io.wenliu.topology.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.topology.TopologySettings;
import io.wenliu.topology.WenliuTopology;
import io.wenliu.topology.words.WordsSettings;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology on a {@link TopologyTestDriver}, with its input and output topics and a
 * private meter registry. Close it (try-with-resources or {@code @AfterEach}).
 */
public final class TestPipeline implements AutoCloseable {
    private final TopologyTestDriver driver;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestInputTopic<String, byte[]> input;
    private final TestOutputTopic<String, EnrichedDocument> enriched;
    private final TestOutputTopic<String, DeadLetter> deadLetters;

    public TestPipeline(TopologySettings settings, List<? extends EnrichmentStageFactory> stages) {
        this(settings, WordsSettings.defaults(), stages);
    }

    /** With these dictionary and discovery settings. */
    public TestPipeline(TopologySettings settings, WordsSettings words, List<? extends EnrichmentStageFactory> stages) {
        driver = new TopologyTestDriver(WenliuTopology.build(settings, List.copyOf(stages), registry, words),
                TestSettings.streamsProperties(), Documents.EVENT_TIME);
        input = driver.createInputTopic(settings.inputTopic(), new StringSerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(settings.enrichedTopic(), new StringDeserializer(),
                AvroSerde.enrichedDocument().deserializer());
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), new StringDeserializer(),
                AvroSerde.deadLetter().deserializer());
    }

    /** With {@link TestSettings#topology()}. */
    public TestPipeline(List<? extends EnrichmentStageFactory> stages) {
        this(TestSettings.topology(), stages);
    }

    /** Sends a document keyed by its id. */
    public void send(Document document) {
        input.pipeInput(document.getId(), Documents.bytes(document));
    }

    /** Sends raw value bytes (null for a tombstone). */
    public void send(String key, byte[] value) {
        input.pipeInput(key, value);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    public TestOutputTopic<String, EnrichedDocument> enriched() {
        return enriched;
    }

    public TestOutputTopic<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    @Override
    public void close() {
        driver.close();
    }
}
