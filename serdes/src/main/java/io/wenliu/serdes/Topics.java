package io.wenliu.serdes;

/**
 * Default names of Wenliu's topics; every one can be changed by configuration. Keys are document
 * ids as UTF-8 strings; values are Avro single-object encoded ({@link AvroSerde}).
 */
public final class Topics {
    /** Input: {@code Document} records. */
    public static final String DOCUMENTS = "wenliu.documents";
    /** Output: one {@code EnrichedDocument} per document that could be enriched. */
    public static final String ENRICHED = "wenliu.documents.enriched";
    /** Output: one {@code DeadLetter} per input record that could not be enriched. */
    public static final String DEAD_LETTERS = "wenliu.documents.dlq";
    /** Facet output: one {@code EntityMention} per named entity, keyed by document id. */
    public static final String ENTITIES = "wenliu.entities";
    /** Facet output: similar-document links (later stage). */
    public static final String SIMILAR = "wenliu.similar";

    /** Compacted: the segmentation dictionary, one {@code DictionaryEntry} per word, keyed by the word. */
    public static final String DICTIONARY = "wenliu.dictionary";
    /** Compacted output: new-word candidates, one {@code DiscoveredWord} per word, keyed by the word. */
    public static final String WORD_CANDIDATES = "wenliu.words.candidates";

    private Topics() {
    }
}
