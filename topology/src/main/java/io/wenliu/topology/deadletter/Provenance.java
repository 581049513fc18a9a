package io.wenliu.topology.deadletter;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where an input record came from, and its bytes exactly as read: what a dead letter needs so that
 * the record can be found and replayed. Immutable by convention: the arrays are not copied, and
 * nobody may modify them.
 *
 * @param topic     the input topic
 * @param partition the input partition
 * @param offset    the record's offset in that partition
 * @param timestamp the record's timestamp (kept on every output record)
 * @param key       the key bytes, or null
 * @param value     the value bytes, or null (a tombstone)
 */
public record Provenance(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
    /**
     * Header on every enriched record (and the similarity index's internal records) naming the input
     * record it comes from: {@link #sourceId()} in UTF-8. Unique per input record even when ids repeat.
     */
    public static final String SOURCE_HEADER = "wenliu.source";

    public Provenance {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Provenance p && topic.equals(p.topic) && partition == p.partition
                && offset == p.offset && timestamp == p.timestamp && Arrays.equals(key, p.key)
                && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    /** {@code <topic>-<partition>@<offset>}: unique per input record. */
    public String sourceId() {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public String toString() {
        return sourceId();
    }
}
