package io.wenliu.topology.words;

import io.wenliu.topology.enrich.EnrichmentStageFactory;

/**
 * A factory of stages that segment documents with a {@link LiveDictionary}: the segmentation stage, or the
 * student's one model stage. Deploying one turns on the dictionary topic and, when enabled, new-word discovery
 * ({@link WordsTopology}), which update that dictionary. At most one is deployed.
 */
public interface SegmentingStageFactory extends EnrichmentStageFactory {

    /**
     * Whether its stages segment: a factory of stages that can (the one-pass student) may be deployed without, and
     * then the dictionary topic and word discovery do not run.
     */
    default boolean segments() {
        return true;
    }

    /** The dictionary the stages apply: the user dictionary file as seed, the dictionary topic's entries on top. */
    LiveDictionary dictionary();
}
