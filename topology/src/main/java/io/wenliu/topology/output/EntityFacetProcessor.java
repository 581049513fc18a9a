package io.wenliu.topology.output;

import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Entity;
import io.wenliu.serdes.avro.EntityMention;
import io.wenliu.topology.NodeNames;
import java.util.List;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Fans each enriched document out into its entities facet: one {@link EntityMention} per entity, in
 * text order, keyed by the document id, to {@link NodeNames#ENTITIES_SINK}. A document without
 * entities (none found, or no NER model deployed) writes nothing.
 *
 * <p>It is a child of the node that writes the enriched record (the enrich step, or the similarity
 * index's merge step when that is deployed), so under {@code exactly_once_v2} the mentions commit in
 * the same transaction as their enriched document. Stateless; one instance per task.
 */
public final class EntityFacetProcessor extends ContextualProcessor<String, EnrichedDocument, String, EntityMention> {

    @Override
    public void process(Record<String, EnrichedDocument> record) {
        EnrichedDocument document = record.value();
        List<Entity> entities = document.getEntities();
        if (entities == null) {
            return;
        }
        for (Entity entity : entities) {
            EntityMention mention = EntityMention.newBuilder()
                    .setDocumentId(document.getId())
                    .setType(entity.getType())
                    .setText(entity.getText())
                    .setStart(entity.getStart())
                    .setEnd(entity.getEnd())
                    .setConfidence(entity.getConfidence())
                    .setEventTime(document.getEventTime())
                    .build();
            context().forward(record.withValue(mention), NodeNames.ENTITIES_SINK);
        }
    }
}
