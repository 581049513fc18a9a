package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilaritySerdesTest {

    @Test
    void shouldCarryIdsBeyondWriteUtfsLimit() {
        // finding 3: DataOutputStream.writeUTF throws above 65,535 bytes and stopped the instance
        String id = "長".repeat(30_000); // 90,000 UTF-8 bytes
        BandProbe probe = new BandProbe(id, 42L, 3, "3:abc", new float[] {0.6f, 0.8f}, "docs-0@7");
        var serde = SimilaritySerdes.bandProbe();

        BandProbe back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", probe));

        assertThat(back.documentId()).isEqualTo(id);
        assertThat(back.replyKey()).isEqualTo("docs-0@7");
        assertThat(back.vector()).containsExactly(0.6f, 0.8f);
    }

    @Test
    void shouldCarryLongNeighbourIdsInAnswers() {
        String id = "x".repeat(70_000);
        var serde = SimilaritySerdes.message();
        SimilarityMessage answer = new SimilarityMessage.BandAnswer(1, List.of(new Neighbor(id, 0.9f, 5L)), null);

        var back = (SimilarityMessage.BandAnswer) serde.deserializer().deserialize("t",
                serde.serializer().serialize("t", answer));

        assertThat(back.neighbors()).extracting(Neighbor::id).containsExactly(id);
    }
}
