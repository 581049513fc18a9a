package io.wenliu.topology;

/** Names of the nodes of {@link WenliuTopology}, in pipeline order; they show in {@code Topology.describe()}. */
public final class NodeNames {
    /** Reads the input topic as raw bytes, so that nothing can fail before we can dead-letter it. */
    public static final String SOURCE = "documents-source";
    /** Decodes and validates each record. */
    public static final String VALIDATE = "validate";
    /** Buffers validated documents and runs the enrichment stages on micro-batches. */
    public static final String ENRICH = "enrich";
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
}
