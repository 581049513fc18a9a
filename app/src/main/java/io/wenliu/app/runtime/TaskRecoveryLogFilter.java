package io.wenliu.app.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps Kafka Streams' normal exactly-once recovery out of the error log. After a crash or a broker
 * restart, a task whose transaction was aborted is "corrupted": Kafka Streams wipes its state,
 * restores it from the changelog and reprocesses from the last commit, and nothing is lost. It logs
 * that at WARN and ERROR with a full {@link TaskCorruptedException} stack trace, and once more as an
 * ERROR listing the corrupted tasks, and every send of the aborted transaction fails at ERROR with a
 * {@code TransactionAbortedException}, which reads like an outage. This filter drops those events and
 * logs one INFO line per stack trace instead; every other event passes.
 *
 * <p>Installed by {@code logback.xml}. Stateless; thread-safe.
 */
public final class TaskRecoveryLogFilter extends TurboFilter {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TaskRecoveryLogFilter.class);

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith("org.apache.kafka")) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = t != null ? t : lastThrowable(params);
        if (causedBy(failure, TransactionAbortedException.class)) {
            return FilterReply.DENY; // sends failing because Kafka Streams itself aborted the transaction to recover
        }
        TaskCorruptedException corrupted = find(failure);
        if (corrupted != null) {
            LOG.info("Tasks {} are recovering after an unclean stop: their state is rebuilt from the changelog and "
                    + "processing resumes from the last commit (exactly-once; nothing is lost)",
                    corrupted.corruptedTasks());
            return FilterReply.DENY;
        }
        // TaskManager's one-line ERROR "Get exceptions for the following tasks: {0_1=TaskCorruptedException...}"
        return params != null && params.length == 1 && params[0] instanceof Map<?, ?> failures && !failures.isEmpty()
                && failures.values().stream().allMatch(TaskCorruptedException.class::isInstance)
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static TaskCorruptedException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TaskCorruptedException corrupted) {
                return corrupted;
            }
        }
        return null;
    }
}
