package io.wenliu.topology.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.topology.deadletter.Provenance;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.validate.ValidatedDocument;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ValidatedDocumentSerdeTest {
    private final ValidatedDocumentSerde serde = new ValidatedDocumentSerde();

    private static ValidatedDocument document(byte[] key) {
        return new ValidatedDocument(Documents.document("doc-7", Documents.MIXED_TEXT), new Provenance(
                "wenliu.documents", 3, 1234567890123L, 1700000000000L, key, Documents.bytes("doc-7", Documents.MIXED_TEXT)));
    }

    @Test
    void shouldRoundTripTheDocumentWithItsProvenanceAndOriginalBytes() {
        ValidatedDocument original = document(new byte[] {0, -1, 42});

        assertThat(serde.fromBytes(serde.toBytes(original))).isEqualTo(original);
    }

    @Test
    void shouldHoldTheOriginalValueOnceNotTwice() {
        ValidatedDocument original = document(null);
        int value = original.provenance().value().length;

        assertThat(serde.toBytes(original).length).as("value bytes plus a small header")
                .isBetween(value, value + 64);
    }

    @Test
    void shouldReadAnEntryWrittenInFormat1WithTheDocumentBytes() throws Exception {
        ValidatedDocument original = document(new byte[] {7});
        Provenance p = original.provenance();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(p.topic());
            out.writeInt(p.partition());
            out.writeLong(p.offset());
            out.writeLong(p.timestamp());
            for (byte[] field : new byte[][] {p.key(), p.value(), Documents.bytes(original.document())}) {
                out.writeInt(field.length);
                out.write(field);
            }
        }

        assertThat(serde.fromBytes(bytes.toByteArray())).isEqualTo(original);
    }

    @Test
    void shouldRoundTripANullKey() {
        ValidatedDocument original = document(null);

        assertThat(serde.fromBytes(serde.toBytes(original)).provenance().key()).isNull();
    }

    @Test
    void shouldMapNullToNullForStoreDeletes() {
        assertThat(serde.toBytes(null)).isNull();
        assertThat(serde.fromBytes(null)).isNull();
    }

    @Test
    void shouldRejectAnUnknownFormatVersion() {
        byte[] bytes = serde.toBytes(document(null));
        bytes[0] = 9;

        assertThatThrownBy(() -> serde.fromBytes(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown batch-buffer format version 9");
    }

    @Test
    void shouldRejectATruncatedEntry() {
        byte[] bytes = serde.toBytes(document(null));

        assertThatThrownBy(() -> serde.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(SerializationException.class);
    }
}
