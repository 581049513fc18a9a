package io.wenliu.topology.deadletter;

/**
 * Why an input record became a dead letter: the {@code reasonCode} of every {@code DeadLetter} the
 * topology itself writes. A code is a permanent and immutable id: it never changes meaning and is
 * never reused; new codes may be added. Enrichment stages may report codes of their own through
 * {@code EnrichmentItem.fail}; those are documented by the stage.
 */
public enum DeadLetterReason {
    /**
     * The value is not an Avro single-object encoded Document: no marker, a body that does not match its
     * schema, or bytes left over after the body.
     */
    UNDESERIALIZABLE,
    /**
     * The value is single-object encoded, but its writer schema is no released Document version: an
     * unknown fingerprint, or another record's schema (an {@code EntityMention}, say).
     */
    UNKNOWN_SCHEMA,
    /** The value is null (a tombstone): there is no document to enrich. */
    TOMBSTONE,
    /** The document's id is empty or blank. */
    MISSING_ID,
    /**
     * The document's id is longer than the configured limit in UTF-8 bytes, or holds a character no id
     * may hold: a control character (line feed and NUL included), an unpaired surrogate, a noncharacter,
     * or U+FFFD (what invalid UTF-8 decodes to).
     */
    INVALID_ID,
    /**
     * The input record (key plus value) is larger than the configured maximum record size; it is
     * dead-lettered before it is decoded or buffered, so that it cannot make an internal record too large.
     */
    RECORD_TOO_LARGE,
    /** The text is empty or only whitespace or invisible format characters (zero-width spaces and joiners, BOM). */
    EMPTY_TEXT,
    /** The text is longer than the configured limit, counted in UTF-16 code units. */
    TEXT_TOO_LONG,
    /**
     * The text holds a character no producer should send: an unpaired surrogate, a control
     * character other than tab, line feed and carriage return, a noncharacter, or U+FFFD (what
     * invalid UTF-8 decodes to).
     */
    INVALID_CHARACTERS,
    /** An enrichment stage threw while processing this document alone (after its batch failed). */
    STAGE_FAILED,
    /**
     * The stages filled the enriched record with values its schema does not allow (a null token
     * text, say), so it cannot be written: a bug in a stage, confined to this document.
     */
    INVALID_OUTPUT,
    /** The enriched record is larger than the configured maximum output size, so it cannot be written. */
    OUTPUT_TOO_LARGE,
    /**
     * A processor, punctuator or sink threw on this record outside the enrichment stages: a bug confined
     * to the record. The dead letter names the node in {@code stage}.
     */
    PROCESSING_FAILED;

    /** The code written to {@code DeadLetter.reasonCode}: the constant's name. */
    public String code() {
        return name();
    }
}
