package io.wenliu.topology.stages;

import io.wenliu.models.pos.PosTagger;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link PosStage}s sharing one {@link PosTagger}: the weights are loaded once per JVM, and each
 * stage's calls borrow their own predictor from the tagger's pool.
 *
 * <p>Owns the tagger and closes it in {@link #close()}, after Kafka Streams has closed the stages.
 * Thread-safe.
 */
public final class PosStageFactory implements EnrichmentStageFactory {
    private final PosTagger tagger;
    private final ModelVersion version;

    /** @param tagger owned from now on */
    public PosStageFactory(PosTagger tagger) {
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.version = ModelVersion.newBuilder()
                .setStage(PosStage.NAME)
                .setName(tagger.artifact().name())
                .setVersion(tagger.artifact().version())
                .build();
    }

    @Override
    public String name() {
        return PosStage.NAME;
    }

    @Override
    public EnrichmentStage newStage() {
        return new PosStage(tagger, List.of(version));
    }

    @Override
    public void close() {
        tagger.close();
    }
}
