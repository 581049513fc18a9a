package io.wenliu.topology.deadletter;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.topology.RecordLimits;
import io.wenliu.topology.enrich.StageUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line between one bad record and a stopped fleet: an exception that escapes a processor
 * while it handles a record becomes a {@link DeadLetter} ({@link DeadLetterReason#PROCESSING_FAILED},
 * stage = the node's name, the record's own topic, partition, offset and bytes) written in the same
 * transaction, and processing resumes. The processors dead-letter every failure they can foresee
 * themselves, with the document's provenance; this handler catches only what they did not foresee.
 *
 * <p>It fails (and so stops the client) instead for systemic failures: Kafka Streams' own
 * exceptions (a store, the producer, a migrated task), an unavailable enrichment stage
 * ({@link StageUnavailableException}), and a failure in a punctuation, which has no record to
 * dead-letter. Configured through the Streams properties {@link #DEAD_LETTER_TOPIC_CONFIG} and
 * {@link #MAX_RECORD_BYTES_CONFIG} ({@code WenliuTopology.recommendedStreamsConfig} sets them).
 * Stateless after {@link #configure}; thread-safe.
 */
public final class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {
    /** Streams property: the dead-letter topic. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "wenliu.handler.dead.letter.topic";
    /** Streams property: most original key plus value bytes a dead letter carries. */
    public static final String MAX_RECORD_BYTES_CONFIG = "wenliu.handler.max.record.bytes";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

    private final AvroSerde<DeadLetter> serde = AvroSerde.deadLetter();
    private String topic;
    private int maxRecordBytes = RecordLimits.DEFAULT_MAX_RECORD_BYTES;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (configured == null || configured.toString().isBlank()) {
            throw new ConfigException(DEAD_LETTER_TOPIC_CONFIG, configured, "the dead-letter topic is required");
        }
        topic = configured.toString();
        Object max = configs.get(MAX_RECORD_BYTES_CONFIG);
        if (max != null) {
            maxRecordBytes = Integer.parseInt(max.toString());
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (isSystemic(exception) || record == null) {
            return Response.fail();
        }
        Provenance provenance = new Provenance(context.topic(), context.partition(), context.offset(),
                context.timestamp(), context.sourceRawKey(), context.sourceRawValue());
        DeadLetter letter = DeadLetterHandler.toDeadLetter(provenance, null, context.processorNodeId(),
                DeadLetterReason.PROCESSING_FAILED.code(), "Processor '" + context.processorNodeId() + "' threw "
                        + exception + " on record key " + record.key(), exception, System.currentTimeMillis(),
                maxRecordBytes);
        LOG.warn("Record {} dead-lettered: processor '{}' threw {}", provenance, context.processorNodeId(),
                exception.toString());
        return Response.resume(List.of(new ProducerRecord<>(topic, null, context.timestamp(),
                DeadLetterHandler.keyOf(letter), serde.toBytes(letter))));
    }

    private static boolean isSystemic(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamsException || t instanceof StageUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
