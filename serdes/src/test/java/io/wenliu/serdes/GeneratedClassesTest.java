package io.wenliu.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class GeneratedClassesTest {

    @Test
    void shouldTrustTheClassOfEveryRecordAndEnumInTheReleasedSchemas() throws Exception {
        // the build sets org.apache.avro.SERIALIZABLE_PACKAGES for tests, which hid an untrusted
        // OmittedBytes until a consumer without it read a dead letter: check the predicate itself
        Set<String> names = new TreeSet<>();
        for (String path : SchemaCatalog.releasedPaths()) {
            collect(new Schema.Parser().parse(SchemaCatalog.releasedText(path)), names);
        }
        var predicate = GeneratedClasses.predicate();
        for (String name : names) {
            assertThat(predicate.isTrusted(Class.forName(name))).as(name).isTrue();
        }
        assertThat(names).contains("io.wenliu.serdes.avro.OmittedBytes");
    }

    private static void collect(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> { // Wenliu's schemas are not recursive
                names.add(schema.getFullName());
                schema.getFields().forEach(field -> collect(field.schema(), names));
            }
            case ENUM -> names.add(schema.getFullName());
            case UNION -> schema.getTypes().forEach(type -> collect(type, names));
            case ARRAY -> collect(schema.getElementType(), names);
            case MAP -> collect(schema.getValueType(), names);
            default -> {
            }
        }
    }
}
