package io.wenliu.topology.stages;

import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.ner.NamedEntity;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentItem;
import java.util.List;

/**
 * Fills {@code EnrichedDocument.entities} with the named entities of each document: one recognizer
 * call for the whole micro-batch, entities in text order with UTF-16 offsets into the document's text
 * and the CRF's marginal probability of the span as confidence; an empty list when there are none.
 * The topology fans them out to the entities facet topic.
 *
 * <p>Borrows the factory's {@link EntityRecognizer}; holds nothing of its own to close. Used from one
 * stream thread.
 */
public final class NerStage extends ModelStage {
    /** The stage name in dead letters, metrics and {@code ModelVersion.stage}. */
    public static final String NAME = "ner";

    private final EntityRecognizer recognizer;

    NerStage(EntityRecognizer recognizer, List<ModelVersion> models) {
        super(NAME, models);
        this.recognizer = recognizer;
    }

    @Override
    void enrichLive(List<EnrichmentItem> live) throws Exception {
        List<List<NamedEntity>> found = recognizer.recognize(live.stream().map(EnrichmentItem::text).toList());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).output().setEntities(OutputFields.entities(found.get(i)));
        }
    }

}
