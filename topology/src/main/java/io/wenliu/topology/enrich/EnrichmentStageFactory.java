package io.wenliu.topology.enrich;

import java.util.List;

/**
 * Creates {@link EnrichmentStage}s. Holds what is loaded once per JVM (model weights, vocabularies)
 * and hands each processor instance its own stage (its own predictors).
 *
 * <p>Owned by the application, which closes it after Kafka Streams has closed; thread-safe.
 */
public interface EnrichmentStageFactory extends AutoCloseable {

    /** The name of the stages this factory makes. */
    String name();

    /** The models its stages run, named as {@code EnrichedDocument.models} names their stages: its own name by default. */
    default List<String> models() {
        return List.of(name());
    }

    /** A new stage; the caller owns and closes it. */
    EnrichmentStage newStage();

    @Override
    void close();
}
