package io.wenliu.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class TaskRecoveryLogFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final TaskRecoveryLogFilter filter = new TaskRecoveryLogFilter();
    private final Logger streamThread = context.getLogger("org.apache.kafka.streams.processor.internals.TaskExecutor");

    @Test
    void shouldDropStackTracesOfNormalRecovery() {
        // finding 14: "Failed to process stream task 0_1 due to the following error" at ERROR, after every crash
        TaskCorruptedException corrupted = new TaskCorruptedException(Set.of(new TaskId(0, 1)));

        assertThat(filter.decide(null, streamThread, Level.ERROR, "Failed to process stream task {}", null, corrupted))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, streamThread, Level.WARN, "Detected the states of tasks {} are corrupted",
                new Object[] {Set.of(), corrupted}, null)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void shouldDropSendsFailedByTheAbortOfRecovery() {
        Logger collector = context.getLogger("org.apache.kafka.streams.processor.internals.RecordCollectorImpl");

        assertThat(filter.decide(null, collector, Level.ERROR, "Error encountered sending record", null,
                new TransactionAbortedException("Failing batch since transaction was aborted")))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void shouldDropTheTaskManagersListOfCorruptedTasks() {
        Logger taskManager = context.getLogger("org.apache.kafka.streams.processor.internals.TaskManager");
        Map<TaskId, RuntimeException> failures = Map.of(new TaskId(0, 1),
                new TaskCorruptedException(Set.of(new TaskId(0, 1))));

        assertThat(filter.decide(null, taskManager, Level.ERROR, "Get exceptions for the following tasks: {}",
                new Object[] {failures}, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, taskManager, Level.ERROR, "Get exceptions for the following tasks: {}",
                new Object[] {Map.of(new TaskId(0, 2), new IllegalStateException("real"))}, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldLetEveryOtherFailureThrough() {
        assertThat(filter.decide(null, streamThread, Level.ERROR, "boom", null, new StreamsException("real")))
                .isEqualTo(FilterReply.NEUTRAL);
        Logger ours = context.getLogger("io.wenliu.app.runtime.StreamsRunner");
        assertThat(filter.decide(null, ours, Level.ERROR, "x", null,
                new TaskCorruptedException(Set.of(new TaskId(0, 0))))).isEqualTo(FilterReply.NEUTRAL);
    }
}
