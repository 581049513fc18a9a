package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilaritySerdesTest {

    @Test
    void shouldCarryIdsBeyondWriteUtfsLimit() {
        // finding 3: DataOutputStream.writeUTF throws above 65,535 bytes and stopped the instance
        String id = "長".repeat(30_000); // 90,000 UTF-8 bytes
        ShardProbe probe = new ShardProbe(2, id, 42L, new int[] {3, 17}, new String[] {"3:abc", "17:def"},
                new float[] {0.6f, 0.8f}, "docs-0@7");
        var serde = SimilaritySerdes.shardProbe();

        ShardProbe back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", probe));

        assertThat(back.shard()).isEqualTo(2);
        assertThat(back.documentId()).isEqualTo(id);
        assertThat(back.timestamp()).isEqualTo(42L);
        assertThat(back.bands()).containsExactly(3, 17);
        assertThat(back.bandKeys()).containsExactly("3:abc", "17:def");
        assertThat(back.replyKey()).isEqualTo("docs-0@7");
        assertThat(back.vector()).containsExactly(0.6f, 0.8f);
    }

    @Test
    void shouldReadOneBandProbesAndAnswersWrittenBeforeShards() throws IOException {
        // format 2: a probe and an answer per band; records of it may still sit in the topics after an upgrade
        ByteArrayOutputStream probeBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(probeBytes)) {
            out.writeByte(2);
            writeString("doc-1", out);
            out.writeLong(42L);
            out.writeInt(5);
            writeString("5:ab", out);
            out.writeInt(2);
            out.writeFloat(0.6f);
            out.writeFloat(0.8f);
            writeString("docs-0@7", out);
        }
        ByteArrayOutputStream answerBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(answerBytes)) {
            out.writeByte(2);
            out.writeByte(2); // a band answer
            out.writeInt(5);
            out.writeInt(0); // no neighbours
            out.writeBoolean(false); // no near-duplicate
        }

        ShardProbe probe = SimilaritySerdes.shardProbe().deserializer().deserialize("t", probeBytes.toByteArray());
        var answer = (SimilarityMessage.BandAnswer) SimilaritySerdes.message().deserializer()
                .deserialize("t", answerBytes.toByteArray());

        assertThat(probe.bands()).containsExactly(5);
        assertThat(probe.bandKeys()).containsExactly("5:ab");
        assertThat(probe.documentId()).isEqualTo("doc-1");
        assertThat(probe.replyKey()).isEqualTo("docs-0@7");
        assertThat(probe.vector()).containsExactly(0.6f, 0.8f);
        assertThat(answer.bands()).isEqualTo(1L << 5);
        assertThat(answer.neighbors()).isEmpty();
    }

    private static void writeString(String value, DataOutputStream out) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Test
    void shouldCarryLongNeighbourIdsInAnswers() {
        String id = "x".repeat(70_000);
        var serde = SimilaritySerdes.message();
        SimilarityMessage answer = new SimilarityMessage.BandAnswer(1L << 1, List.of(new Neighbor(id, 0.9f, 5L)), null);

        var back = (SimilarityMessage.BandAnswer) serde.deserializer().deserialize("t",
                serde.serializer().serialize("t", answer));

        assertThat(back.neighbors()).extracting(Neighbor::id).containsExactly(id);
    }
}
