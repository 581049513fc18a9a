package io.wenliu.topology;

/** Names of the nodes of {@link WenliuTopology}, in pipeline order; they show in {@code Topology.describe()}. */
public final class NodeNames {
    /** Reads the input topic as raw bytes, so that nothing can fail before we can dead-letter it. */
    public static final String SOURCE = "documents-source";
    /** Decodes and validates each record. */
    public static final String VALIDATE = "validate";
    /** Buffers validated documents and runs the enrichment stages on micro-batches. */
    public static final String ENRICH = "enrich";
    /** Sends each enriched document to the similarity index: a probe per index shard and the document itself. */
    public static final String SIMILARITY_FANOUT = "similarity-fanout";
    /** Writes shard probes to the band repartition topic, partitioned by shard. */
    public static final String SIMILARITY_BANDS_SINK = "similarity-bands-sink";
    /** Reads shard probes, partitioned by index shard. */
    public static final String SIMILARITY_BANDS_SOURCE = "similarity-bands-source";
    /** Looks up and files documents in this partition's share of the index. */
    public static final String SIMILARITY_BAND_INDEX = "similarity-band-index";
    /** Writes documents waiting for their band answers to the answers repartition topic. */
    public static final String SIMILARITY_ANSWERS_SINK = "similarity-answers-sink";
    /** Writes band answers to the answers repartition topic. */
    public static final String SIMILARITY_BAND_ANSWERS_SINK = "similarity-band-answers-sink";
    /** Reads documents and band answers, keyed by document id. */
    public static final String SIMILARITY_ANSWERS_SOURCE = "similarity-answers-source";
    /** Joins a document's band answers into its top-k similar documents. */
    public static final String SIMILARITY_MERGE = "similarity-merge";
    /** Writes similar-document links to the facet topic. */
    public static final String SIMILAR_SINK = "similar-sink";
    /** Writes enriched documents. */
    public static final String ENRICHED_SINK = "enriched-sink";
    /** Turns each enriched document's entities into one {@code EntityMention} record each. */
    public static final String ENTITY_FACET = "entity-facet";
    /** Writes entity mentions to the entities facet topic. */
    public static final String ENTITIES_SINK = "entities-sink";
    /** Writes dead letters. */
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private NodeNames() {
    }

    /** Global source of the dictionary topic. */
    public static final String DICTIONARY_SOURCE = "dictionary-source";
    /** Applies dictionary entries to the global store and the live dictionary. */
    public static final String DICTIONARY_UPDATE = "dictionary-update";
    /** Source of new-word discovery: the enriched topic. */
    public static final String WORDS_SOURCE = "words-source";
    /** Keeps a partition's recent documents and reports its candidates. */
    public static final String WORD_WINDOW = "word-window";
    /** Sends partition reports to the merge, keyed by word. */
    public static final String WORD_REPORTS_SINK = "word-reports-sink";
    /** Reads partition reports keyed by word. */
    public static final String WORD_REPORTS_SOURCE = "word-reports-source";
    /** Merges the partitions' reports of a word. */
    public static final String WORD_MERGE = "word-merge";
    /** Writes merged candidates. */
    public static final String WORD_CANDIDATES_SINK = "word-candidates-sink";
    /** Writes auto-accepted dictionary entries. */
    public static final String DICTIONARY_SINK = "dictionary-sink";
}
