package io.wenliu.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.EntityMention;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

    @Test
    void shouldHaveReleasedTheCurrentVersionOfEverySchemaUnchanged() throws Exception {
        for (Schema generated : List.of(Document.getClassSchema(), EnrichedDocument.getClassSchema(), DeadLetter.getClassSchema(),
                EntityMention.getClassSchema())) {
            Schema source = new Schema.Parser().parse(Path.of("src/main/avro", generated.getName() + ".avsc").toFile());
            Schema released = SchemaCatalog.released().findByFingerprint(SchemaCatalog.fingerprint(generated));
            // equality covers docs and defaults too: a released file must never be edited
            assertThat(released)
                    .as("src/main/avro/%s.avsc must equal a released version: copy it to a new vN.avsc listed in index.txt",
                            generated.getName())
                    .isEqualTo(source);
        }
    }

    @Test
    void shouldDocumentEveryField() {
        for (String path : SchemaCatalog.releasedPaths()) {
            assertDocumented(new Schema.Parser().parse(SchemaCatalog.releasedText(path)), path);
        }
    }

    private static void assertDocumented(Schema schema, String where) {
        if (schema.getType() == Schema.Type.UNION) {
            schema.getTypes().forEach(s -> assertDocumented(s, where));
        } else if (schema.getType() == Schema.Type.ARRAY) {
            assertDocumented(schema.getElementType(), where);
        } else if (schema.getType() == Schema.Type.RECORD) {
            assertThat(schema.getDoc()).as("doc of %s in %s", schema.getName(), where).isNotBlank();
            for (Schema.Field field : schema.getFields()) {
                assertThat(field.doc()).as("doc of %s.%s in %s", schema.getName(), field.name(), where).isNotBlank();
                assertDocumented(field.schema(), where);
            }
        }
    }
}
