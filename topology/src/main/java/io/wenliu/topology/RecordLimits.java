package io.wenliu.topology;

/**
 * The sizes Wenliu guarantees every record it writes stays within, so that no input can make a
 * changelog, repartition or output record too large for the brokers (which would stop the
 * partition for good). Immutable.
 *
 * @param maxRecordBytes largest input record (key plus value bytes) that is enriched; a larger one is
 *                       dead-lettered with {@code RECORD_TOO_LARGE} before it is buffered, and a dead
 *                       letter carries original bytes only up to this size (above it, their size and
 *                       SHA-256)
 * @param maxOutputBytes largest enriched record (Avro bytes) written; a larger one is dead-lettered with
 *                       {@code OUTPUT_TOO_LARGE}. Must stay below the producer's {@code max.request.size}
 *                       and the topics' {@code max.message.bytes} (1 MB by default)
 * @param maxIdBytes     longest document id in UTF-8 bytes; a longer one is dead-lettered with
 *                       {@code INVALID_ID}
 */
public record RecordLimits(int maxRecordBytes, int maxOutputBytes, int maxIdBytes) {
    /** Half the brokers' default 1 MB, so that the enriched record (text plus facets) has room. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 512 * 1024;
    /** Below the producer's default max.request.size (1,048,576) with room for the batch header. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1_000_000;
    /** Room for a URL or a composite key; far below what a key should be. */
    public static final int DEFAULT_MAX_ID_BYTES = 1024;

    public RecordLimits {
        if (maxIdBytes < 1 || maxRecordBytes <= maxIdBytes || maxOutputBytes < maxRecordBytes) {
            throw new IllegalArgumentException("Record limits must satisfy 1 <= maxIdBytes < maxRecordBytes <= "
                    + "maxOutputBytes, got " + maxIdBytes + ", " + maxRecordBytes + ", " + maxOutputBytes);
        }
    }

    public static RecordLimits defaults() {
        return new RecordLimits(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_MAX_ID_BYTES);
    }
}
