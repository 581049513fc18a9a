package io.wenliu.topology.similar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Utils;

/**
 * A document looking for earlier documents in the LSH bands whose keys fall in one index shard: the
 * record of the band repartition topic. One record per shard a document's band keys fall in (not one
 * per band), so a document costs the topic at most {@code shards} records however many bands it has;
 * the shard fixes the partition ({@link #partition}), so a band key always meets the same index
 * partition whichever input partition its documents came from.
 *
 * @param shard      the shard of every band key here ({@link #shardOf})
 * @param documentId the document's id
 * @param timestamp  the document's record timestamp
 * @param bands      the band numbers, 0-based, ascending
 * @param bandKeys   the band keys, one per band number
 * @param vector     the document's L2-normalised embedding
 * @param replyKey   the key the answer goes back under: unique per input record (its
 *                   {@code Provenance.sourceId()}), so that two documents with one id are answered apart
 */
public record ShardProbe(int shard, String documentId, long timestamp, int[] bands, String[] bandKeys, float[] vector,
                         String replyKey) {
    public ShardProbe {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(replyKey, "replyKey");
        Objects.requireNonNull(vector, "vector");
        if (bands.length != bandKeys.length || bands.length == 0) {
            throw new IllegalArgumentException("A shard probe needs one band key per band and at least one band, got "
                    + bands.length + " bands and " + bandKeys.length + " keys");
        }
    }

    /** The shard of a band key among {@code shards}: Kafka's hash of its UTF-8 bytes, as the default partitioner. */
    public static int shardOf(String bandKey, int shards) {
        return Utils.toPositive(Utils.murmur2(bandKey.getBytes(StandardCharsets.UTF_8))) % shards;
    }

    /** The partition of a shard on a topic of {@code partitions}: shards spread evenly, one to a partition when equal. */
    public static int partition(int shard, int partitions) {
        return shard % partitions;
    }

    /** One probe per band, as the index looks them up and files them. */
    public List<BandProbe> bandProbes() {
        List<BandProbe> probes = new ArrayList<>(bands.length);
        for (int i = 0; i < bands.length; i++) {
            probes.add(new BandProbe(documentId, timestamp, bands[i], bandKeys[i], vector, replyKey));
        }
        return probes;
    }
}
