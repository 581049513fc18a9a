package io.wenliu.topology.validate;

import io.wenliu.serdes.avro.Document;
import io.wenliu.topology.deadletter.Provenance;
import java.util.Objects;

/**
 * A document that passed validation, with the provenance and original bytes of the record it came
 * from, so that a later stage can still dead-letter it faithfully. Immutable by convention (Avro
 * records are mutable; nobody modifies this one).
 */
public record ValidatedDocument(Document document, Provenance provenance) {
    public ValidatedDocument {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(provenance, "provenance");
    }
}
