package io.wenliu.topology.deadletter;

/**
 * Why an input record became a dead letter: the {@code reasonCode} of every {@code DeadLetter} the
 * topology itself writes. A code is a permanent and immutable id: it never changes meaning and is
 * never reused; new codes may be added. Enrichment stages may report codes of their own through
 * {@code EnrichmentItem.fail}; those are documented by the stage.
 */
public enum DeadLetterReason {
    /** The value is not an Avro single-object encoded Document, or its body does not match its schema. */
    UNDESERIALIZABLE,
    /** The value is single-object encoded, but its writer-schema fingerprint is no released Document version. */
    UNKNOWN_SCHEMA,
    /** The value is null (a tombstone): there is no document to enrich. */
    TOMBSTONE,
    /** The document's id is empty or blank. */
    MISSING_ID,
    /** The text is empty or only whitespace (the ideographic space included). */
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
    INVALID_OUTPUT;

    /** The code written to {@code DeadLetter.reasonCode}: the constant's name. */
    public String code() {
        return name();
    }
}
