package io.wenliu.topology.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * How model stages batch documents: a batch is run as soon as it holds {@code maxSize} documents,
 * or when {@code maxWait} has passed since the last flush, whichever comes first. Immutable.
 *
 * @param maxSize most documents per model call (at least 1); one batch must finish well within
 *                {@code max.poll.interval.ms}
 * @param maxWait longest time a document waits for its batch to fill (positive)
 */
public record BatchSettings(int maxSize, Duration maxWait) {
    /** Most documents per model call unless configured otherwise. */
    public static final int DEFAULT_MAX_SIZE = 32;
    /** Longest wait for a batch to fill unless configured otherwise. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(50);

    public BatchSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
        }
        if (maxWait.isZero() || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be positive, got " + maxWait);
        }
    }

    /** {@link #DEFAULT_MAX_SIZE} documents or {@link #DEFAULT_MAX_WAIT}. */
    public static BatchSettings defaults() {
        return new BatchSettings(DEFAULT_MAX_SIZE, DEFAULT_MAX_WAIT);
    }
}
