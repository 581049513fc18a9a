package io.wenliu.topology.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.topology.enrich.StageUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterProcessingExceptionHandlerTest {
    private final DeadLetterProcessingExceptionHandler handler = new DeadLetterProcessingExceptionHandler();
    private final byte[] key = "band-7".getBytes(StandardCharsets.UTF_8);
    private final byte[] value = new byte[5_000];

    @BeforeEach
    void configure() {
        handler.configure(Map.of(DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG, "dlq",
                DeadLetterProcessingExceptionHandler.MAX_RECORD_BYTES_CONFIG, "1000"));
    }

    /** The context of the record at offset 17 of a band repartition partition. */
    private ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "app-similarity-bands-repartition";
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 17;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "similarity-band-index";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(1, 2);
            }

            @Override
            public long timestamp() {
                return 1000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return key;
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }

    @Test
    void shouldDeadLetterTheRecordWhoseProcessorThrewAndResume() {
        var response = handler.handleError(context(), new Record<>("band-7", "probe", 1000L),
                new IllegalArgumentException("NaN in vector"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
        assertThat(record.topic()).isEqualTo("dlq");
        DeadLetter letter = AvroSerde.deadLetter().fromBytes(record.value());
        assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.PROCESSING_FAILED.code());
        assertThat(letter.getStage()).isEqualTo("similarity-band-index");
        assertThat(letter.getSourceOffset()).isEqualTo(17L);
        assertThat(letter.getValue()).as("above the limit: left out").isNull();
        assertThat(letter.getValueOmitted().getSize()).isEqualTo(5_000);
        assertThat(letter.getErrorMessage()).contains("NaN in vector");
    }

    @Test
    void shouldFailOnSystemicFailuresAndPunctuations() {
        assertThat(handler.handleError(context(), new Record<>("k", "v", 0L),
                new StageUnavailableException("ner", "closed", null)).result()).isEqualTo(Result.FAIL);
        assertThat(handler.handleError(context(), new Record<>("k", "v", 0L),
                new ProcessorStateException("RocksDB")).result()).isEqualTo(Result.FAIL);
        assertThat(handler.handleError(context(), null, new IllegalStateException("in a punctuation")).result())
                .isEqualTo(Result.FAIL);
    }
}
