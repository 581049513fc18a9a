package io.wenliu.topology.stages;

import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link SentimentStage}s sharing one {@link SentimentModel}: the weights are loaded once per
 * JVM, and each call borrows its own predictor from the model's pool.
 *
 * <p>Owns the model and closes it in {@link #close()}, after Kafka Streams has closed the stages.
 * Thread-safe.
 */
public final class SentimentStageFactory implements EnrichmentStageFactory {
    private final SentimentModel model;
    private final ModelVersion version;

    /** @param model owned from now on */
    public SentimentStageFactory(SentimentModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.version = ModelVersion.newBuilder()
                .setStage(SentimentStage.NAME)
                .setName(model.artifact().name())
                .setVersion(model.artifact().version())
                .build();
    }

    @Override
    public String name() {
        return SentimentStage.NAME;
    }

    @Override
    public EnrichmentStage newStage() {
        return new SentimentStage(model, List.of(version));
    }

    @Override
    public void close() {
        model.close();
    }
}
