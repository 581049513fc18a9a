package io.wenliu.app.runtime;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.topology.deadletter.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads Wenliu's enriched and dead-letter topics from the beginning, as a read_committed consumer
 * outside any consumer group (it commits nothing): what the demo, the pipeline benchmark and the
 * integration tests use to see exactly what downstream consumers would see.
 *
 * <p>Not thread-safe (a Kafka consumer); the creator owns and closes it.
 */
public final class OutputConsumer implements AutoCloseable {
    private static final Duration METADATA_WAIT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String enrichedTopic;
    private final AvroSerde<EnrichedDocument> enriched = AvroSerde.enrichedDocument();
    private final AvroSerde<DeadLetter> deadLetters = AvroSerde.deadLetter();

    /**
     * @param clientSettings  bootstrap servers and any client (security) settings
     * @param enrichedTopic   the enriched topic, or null to read only dead letters
     * @param deadLetterTopic the dead-letter topic, or null to read only enriched documents
     * @throws IllegalStateException when a topic does not appear within a minute
     */
    public OutputConsumer(Map<String, Object> clientSettings, String enrichedTopic, String deadLetterTopic) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "wenliu-output-reader");
        this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        this.enrichedTopic = enrichedTopic;
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            if (enrichedTopic != null) {
                partitions.addAll(partitionsOf(enrichedTopic));
            }
            if (deadLetterTopic != null) {
                partitions.addAll(partitionsOf(deadLetterTopic));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_WAIT);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic '" + topic + "' does not exist; create it or set "
                        + "wenliu.topics.create=true");
            }
        }
    }

    /**
     * The committed output records that arrive within {@code timeout}, in partition order.
     *
     * @throws SerializationException when an output record cannot be read (a bug or a foreign writer)
     */
    public List<PipelineOutput> poll(Duration timeout) {
        List<PipelineOutput> outputs = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            outputs.add(decode(record));
        }
        return outputs;
    }

    private PipelineOutput decode(ConsumerRecord<String, byte[]> record) {
        try {
            if (enrichedTopic != null && record.topic().equals(enrichedTopic)) {
                Header source = record.headers().lastHeader(Provenance.SOURCE_HEADER);
                return new PipelineOutput.Enriched(record.key(),
                        source == null ? null : new String(source.value(), StandardCharsets.UTF_8),
                        enriched.fromBytes(record.value()), record.topic(), record.partition(), record.offset());
            }
            DeadLetter letter = deadLetters.fromBytes(record.value());
            return new PipelineOutput.DeadLettered(PipelineOutput.DeadLettered.originalKey(letter), letter,
                    record.topic(), record.partition(), record.offset());
        } catch (SerializationException e) {
            throw new SerializationException("Cannot read output record " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
