package io.wenliu.topology.stages;

import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link NerStage}s sharing one {@link EntityRecognizer}: the weights are loaded once per JVM,
 * and each stage's calls borrow their own predictor from the recognizer's pool.
 *
 * <p>Owns the recognizer and closes it in {@link #close()}, after Kafka Streams has closed the stages.
 * Thread-safe.
 */
public final class NerStageFactory implements EnrichmentStageFactory {
    private final EntityRecognizer recognizer;
    private final ModelVersion version;

    /** @param recognizer owned from now on */
    public NerStageFactory(EntityRecognizer recognizer) {
        this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
        this.version = ModelVersion.newBuilder()
                .setStage(NerStage.NAME)
                .setName(recognizer.artifact().name())
                .setVersion(recognizer.artifact().version())
                .build();
    }

    @Override
    public String name() {
        return NerStage.NAME;
    }

    @Override
    public EnrichmentStage newStage() {
        return new NerStage(recognizer, List.of(version));
    }

    @Override
    public void close() {
        recognizer.close();
    }
}
