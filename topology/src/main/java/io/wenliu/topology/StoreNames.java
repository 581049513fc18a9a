package io.wenliu.topology;

/** Names of {@link WenliuTopology}'s state stores; each has a changelog topic {@code <application.id>-<name>-changelog}. */
public final class StoreNames {
    /** Validated documents waiting for their micro-batch, in arrival order. */
    public static final String BATCH_BUFFER = "batch-buffer";
    /**
     * The similarity index's share held by a band partition: documents, buckets, age order and counters
     * (see {@code IndexStore}). Replaces {@code similarity-index} (vectors only, mirrored in heap), whose
     * changelog an upgraded application no longer reads.
     */
    public static final String SIMILARITY_BAND_INDEX = "similarity-band-index";
    /** Documents waiting for their band answers, by input record ({@code Provenance.sourceId()}). */
    public static final String SIMILARITY_PENDING = "similarity-pending";

    private StoreNames() {
    }

    /** Global: the dictionary topic's entries by word. */
    public static final String DICTIONARY = "dictionary";
    /** A partition's recent documents for new-word discovery, by arrival sequence. */
    public static final String WORD_WINDOW = "word-window";
    /** The partitions' latest reports of each candidate word. */
    public static final String WORD_REPORTS = "word-reports";
}
