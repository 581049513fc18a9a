package io.wenliu.topology.similar;

import java.util.Random;

/**
 * A reproducible stream of index changes that exercises every path: new documents, the same id
 * re-sent (same or new timestamp), late records, full buckets, the count limit and eviction by age.
 * Each change goes to every index given, so that their answers can be compared.
 */
final class RandomIndexStream {
    private static final int IDS = 30;
    private static final int BUCKETS = 4;

    private final Random random;
    private long time;

    RandomIndexStream(long seed) {
        random = new Random(seed);
    }

    /** Applies one random change to each of {@code indexes}. */
    void next(BandIndex... indexes) {
        if (random.nextInt(10) == 0) {
            long oldestKept = time - 20;
            for (BandIndex index : indexes) {
                index.evictBefore(oldestKept);
            }
            return;
        }
        time += random.nextInt(3);
        BandProbe probe = probe("doc-" + random.nextInt(IDS), time - random.nextInt(4)); // some arrive late
        for (BandIndex index : indexes) {
            index.add(probe);
        }
    }

    /** A random probe after everything so far. */
    BandProbe query() {
        return probe("query", time + 1);
    }

    private BandProbe probe(String id, long timestamp) {
        int band = random.nextInt(2);
        String bandKey = band + ":" + random.nextInt(BUCKETS);
        float angle = random.nextFloat() * 2 * (float) Math.PI;
        float[] vector = {(float) Math.cos(angle), (float) Math.sin(angle)};
        return new BandProbe(id, timestamp, band, bandKey, vector, id);
    }
}
