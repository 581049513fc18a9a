package io.wenliu.topology.stages;

import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Sentiment;
import io.wenliu.serdes.avro.SentimentLabel;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.util.List;

/**
 * Fills {@code EnrichedDocument.sentiment} of each document: one classifier call for the whole
 * micro-batch; documents longer than the model reads are chunked and combined by the model
 * ({@link io.wenliu.models.sentiment.SentimentClassifier}).
 *
 * <p>Borrows the factory's {@link SentimentModel}; holds nothing of its own to close. Used from one
 * stream thread.
 */
public final class SentimentStage implements EnrichmentStage {
    /** The stage name in dead letters, metrics and {@code ModelVersion.stage}. */
    public static final String NAME = "sentiment";

    private final SentimentModel model;
    private final List<ModelVersion> models;

    SentimentStage(SentimentModel model, List<ModelVersion> models) {
        this.model = model;
        this.models = models;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ModelVersion> models() {
        return models;
    }

    @Override
    public void enrich(List<EnrichmentItem> batch) throws Exception {
        List<EnrichmentItem> live = batch.stream().filter(item -> !item.isFailed()).toList();
        List<SentimentPrediction> predictions = model.classify(live.stream().map(EnrichmentItem::text).toList());
        for (int i = 0; i < live.size(); i++) {
            SentimentPrediction p = predictions.get(i);
            live.get(i).output().setSentiment(Sentiment.newBuilder()
                    .setLabel(p.isPositive() ? SentimentLabel.POSITIVE : SentimentLabel.NEGATIVE)
                    .setPositiveProbability(p.positiveProbability())
                    .build());
        }
    }

    @Override
    public void close() {
        // the model belongs to the factory
    }
}
