package io.wenliu.topology.stages;

import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import java.util.List;

/**
 * Fills {@code EnrichedDocument.sentiment} of each document: one classifier call for the whole
 * micro-batch; documents longer than the model reads are chunked and combined by the model
 * ({@link io.wenliu.models.sentiment.SentimentClassifier}).
 *
 * <p>Borrows the factory's {@link SentimentModel}; holds nothing of its own to close. Used from one
 * stream thread.
 */
public final class SentimentStage extends ModelStage {
    /** The stage name in dead letters, metrics and {@code ModelVersion.stage}. */
    public static final String NAME = "sentiment";

    private final SentimentModel model;

    SentimentStage(SentimentModel model, List<ModelVersion> models) {
        super(NAME, models);
        this.model = model;
    }

    @Override
    void enrichLive(List<EnrichmentItem> live) throws Exception {
        List<SentimentPrediction> predictions = model.classify(live.stream().map(EnrichmentItem::text).toList());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).output().setSentiment(OutputFields.sentiment(predictions.get(i)));
        }
    }

}
