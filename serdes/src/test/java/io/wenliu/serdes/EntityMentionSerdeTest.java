package io.wenliu.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.serdes.avro.EntityMention;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntityMentionSerdeTest {

    @Test
    void shouldRoundTripAnEntityMentionWithItsReleasedSchema() {
        AvroSerde<EntityMention> serde = AvroSerde.entityMention();
        EntityMention mention = EntityMention.newBuilder().setDocumentId("doc-1").setType("LOC").setText("北京")
                .setStart(3).setEnd(5).setConfidence(0.97f).setEventTime(Instant.parse("2026-11-21T08:00:00Z")).build();

        byte[] bytes = serde.serializer().serialize("wenliu.entities", mention);

        assertThat(serde.deserializer().deserialize("wenliu.entities", bytes)).isEqualTo(mention);
        assertThat(SchemaCatalog.released().versionsOf(EntityMention.getClassSchema().getFullName())).hasSize(1);
    }
}
