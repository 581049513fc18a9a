package io.wenliu.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.enrich.StageUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {

    /** A factory that counts how often it is closed. */
    private static final class CountingFactory implements EnrichmentStageFactory {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public EnrichmentStage newStage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void shouldNotFreeTheModelsWhenKafkaStreamsDidNotCloseInTime() {
        // finding 11: a stream thread still running may be inside a model call
        CountingFactory factory = new CountingFactory();

        StreamsRunner.closeStagesIfStreamsClosed(false, List.of(factory), Duration.ofSeconds(30));

        assertThat(factory.closed).hasValue(0);
    }

    @Test
    void shouldFreeTheModelsOnceKafkaStreamsHasClosed() {
        CountingFactory factory = new CountingFactory();

        StreamsRunner.closeStagesIfStreamsClosed(true, List.of(factory), Duration.ofSeconds(30));

        assertThat(factory.closed).hasValue(1);
    }

    @Test
    void shouldTellTheOperatorWhatToDoAfterEachKindOfFailure() {
        // finding 14: "stopped after a failure ... offset=18" said nothing about what to do
        assertThat(StreamsRunner.adviceFor(new StreamsException(new StageUnavailableException("ner", "closed", null))))
                .contains("'ner' model could not run", "nothing was lost", "restart");
        assertThat(StreamsRunner.adviceFor(new StreamsException(new RecordTooLargeException("too big"))))
                .contains("wenliu.record.max.bytes", "max.message.bytes");
        assertThat(StreamsRunner.adviceFor(new StreamsException("Exception caught in process. offset=18")))
                .contains("kafka-consumer-groups --reset-offsets", "report the stack trace");
    }
}
