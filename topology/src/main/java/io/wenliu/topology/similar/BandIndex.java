package io.wenliu.topology.similar;

import io.wenliu.models.similarity.UnitVectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One partition of the similar-document index: the documents filed under the band keys this
 * partition owns, with retention by age and count.
 *
 * <p>The durable copy is the changelogged {@code similarity-index} store (document id →
 * {@link IndexedVector}, seen through {@link IndexStore}); this class keeps an in-memory mirror of it (vectors, buckets of ids per band
 * key, ids by age) so that a lookup reads no store. Every change goes to the store first, then to
 * the mirror, and {@link #BandIndex construction} rebuilds the mirror from the store, so after a
 * failover the new owner answers exactly as the old one would have.
 *
 * <p>Borrows the store (Kafka Streams owns it). Not thread-safe: one stream task's thread.
 */
final class BandIndex {
    private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparingLong((Entry e) -> e.timestamp)
            .thenComparing(e -> e.id);

    private final IndexStore store;
    private final int maxDocuments;
    private final int maxBucketSize;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> buckets = new HashMap<>();
    private final TreeSet<Entry> byAge = new TreeSet<>(OLDEST_FIRST);
    private int lastBucketSize;

    /** Loads the mirror from {@code store}, which may hold what a previous owner of the partition wrote. */
    BandIndex(IndexStore store, int maxDocuments, int maxBucketSize) {
        this.store = store;
        this.maxDocuments = maxDocuments;
        this.maxBucketSize = maxBucketSize;
        List<Entry> restored = new ArrayList<>();
        store.forEach((id, value) -> {
            Entry entry = new Entry(id, value.timestamp(), value.vector());
            entry.bandKeys.addAll(value.bandKeys());
            restored.add(entry);
        });
        restored.sort(OLDEST_FIRST); // buckets list their members oldest first
        for (Entry entry : restored) {
            entries.put(entry.id, entry);
            byAge.add(entry);
            for (String key : entry.bandKeys) {
                buckets.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(entry.id);
            }
        }
    }

    /** Number of documents held. */
    int size() {
        return entries.size();
    }

    /** Size of the bucket the last {@link #lookUp} scanned (for benchmarks). */
    int lastBucketSize() {
        return lastBucketSize;
    }

    /** Number of non-empty buckets. */
    int bucketCount() {
        return buckets.size();
    }

    /**
     * The documents in {@code probe}'s bucket that come before it (by timestamp, then id), scored by
     * cosine: the best {@code topK} at or above {@code minScore}, and the earliest at or above
     * {@code nearDuplicateThreshold}.
     */
    SimilarityMessage.BandAnswer lookUp(BandProbe probe, int topK, float minScore, float nearDuplicateThreshold) {
        LinkedHashSet<String> bucket = buckets.get(probe.bandKey());
        lastBucketSize = bucket == null ? 0 : bucket.size();
        List<Neighbor> found = new ArrayList<>();
        Neighbor earliestNearDuplicate = null;
        if (bucket != null) {
            for (String id : bucket) {
                Entry entry = entries.get(id);
                if (!Neighbor.isBefore(entry.timestamp, id, probe.timestamp(), probe.documentId())) {
                    continue;
                }
                float score = UnitVectors.dot(entry.vector, probe.vector());
                Neighbor neighbor = new Neighbor(id, score, entry.timestamp);
                if (score >= minScore) {
                    found.add(neighbor);
                }
                if (score >= nearDuplicateThreshold && (earliestNearDuplicate == null || Neighbor.isBefore(
                        entry.timestamp, id, earliestNearDuplicate.timestamp(), earliestNearDuplicate.id()))) {
                    earliestNearDuplicate = neighbor;
                }
            }
        }
        found.sort(Neighbor.BEST_FIRST);
        return new SimilarityMessage.BandAnswer(probe.band(), found.subList(0, Math.min(topK, found.size())),
                earliestNearDuplicate);
    }

    /** Files the probe's document under its band key, then enforces the bucket and count limits. */
    void add(BandProbe probe) {
        Entry entry = entries.get(probe.documentId());
        if (entry != null && entry.timestamp != probe.timestamp()) { // the same id sent again: the newer text wins
            remove(entry);
            entry = null;
        }
        if (entry == null) {
            entry = new Entry(probe.documentId(), probe.timestamp(), probe.vector());
        }
        if (entry.bandKeys.contains(probe.bandKey())) {
            return;
        }
        entry.bandKeys.add(probe.bandKey());
        store.put(entry.id, entry.toValue());
        entries.put(entry.id, entry);
        byAge.add(entry);
        LinkedHashSet<String> bucket = buckets.computeIfAbsent(probe.bandKey(), k -> new LinkedHashSet<>());
        bucket.add(entry.id);
        if (bucket.size() > maxBucketSize) {
            unfile(entries.get(bucket.iterator().next()), probe.bandKey());
        }
        while (entries.size() > maxDocuments) {
            remove(byAge.first());
        }
    }

    /** Removes every document whose timestamp is before {@code oldestKept}. */
    void evictBefore(long oldestKept) {
        while (!byAge.isEmpty() && byAge.first().timestamp < oldestKept) {
            remove(byAge.first());
        }
    }

    /** Takes the document out of one bucket; a document in no bucket leaves the index. */
    private void unfile(Entry entry, String bandKey) {
        entry.bandKeys.remove(bandKey);
        removeFromBucket(bandKey, entry.id);
        if (entry.bandKeys.isEmpty()) {
            remove(entry);
        } else {
            store.put(entry.id, entry.toValue());
        }
    }

    private void remove(Entry entry) {
        store.delete(entry.id);
        entries.remove(entry.id);
        byAge.remove(entry);
        for (String key : entry.bandKeys) {
            removeFromBucket(key, entry.id);
        }
    }

    private void removeFromBucket(String bandKey, String id) {
        LinkedHashSet<String> bucket = buckets.get(bandKey);
        if (bucket != null) {
            bucket.remove(id);
            if (bucket.isEmpty()) {
                buckets.remove(bandKey);
            }
        }
    }

    private static final class Entry {
        final String id;
        final long timestamp;
        final float[] vector;
        final List<String> bandKeys = new ArrayList<>(2);

        Entry(String id, long timestamp, float[] vector) {
            this.id = id;
            this.timestamp = timestamp;
            this.vector = vector;
        }

        IndexedVector toValue() {
            return new IndexedVector(timestamp, vector, bandKeys);
        }
    }
}
