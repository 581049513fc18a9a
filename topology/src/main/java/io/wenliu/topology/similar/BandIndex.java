package io.wenliu.topology.similar;

import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.topology.similar.IndexStore.Aged;
import io.wenliu.topology.similar.IndexStore.Counter;
import io.wenliu.topology.similar.IndexStore.Filing;
import io.wenliu.topology.similar.IndexStore.Member;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One partition of the similar-document index: the documents filed under the band keys this
 * partition owns, with retention by age and count.
 *
 * <p>Every lookup and change is a query on the partition's {@link IndexStore}: a bucket is one prefix
 * scan of its members with their vectors, oldest first; retention reads the oldest
 * documents from the store's age order; a document's buckets, to take it out of them, are one prefix
 * scan; the counters (next sequence number, documents held, bucket sizes) are in the store too. This
 * class holds nothing in heap, so its memory does not grow with the index, and after a failover the
 * new owner answers at once, exactly as the old one would have.
 *
 * <p>Borrows the store (Kafka Streams owns it). Not thread-safe: one stream task's thread.
 */
final class BandIndex {
    private final IndexStore store;
    private final int maxDocuments;
    private final int maxBucketSize;
    private int lastBucketSize;

    /** Reads nothing: the store may hold what a previous owner of the partition wrote. */
    BandIndex(IndexStore store, int maxDocuments, int maxBucketSize) {
        this.store = store;
        this.maxDocuments = maxDocuments;
        this.maxBucketSize = maxBucketSize;
    }

    /** Number of documents held. */
    long size() {
        return store.counter(Counter.DOCUMENTS);
    }

    /** Size of the bucket the last {@link #lookUp} scanned (for benchmarks). */
    int lastBucketSize() {
        return lastBucketSize;
    }

    /**
     * The documents in {@code probe}'s bucket that come before it (by timestamp, then id), scored by
     * cosine: the best {@code topK} at or above {@code minScore}, and the earliest at or above
     * {@code nearDuplicateThreshold}.
     */
    SimilarityMessage.BandAnswer lookUp(BandProbe probe, int topK, float minScore, float nearDuplicateThreshold) {
        List<Member> bucket = store.members(probe.bandKey());
        lastBucketSize = bucket.size();
        TopNeighbors best = new TopNeighbors(topK);
        Neighbor earliestNearDuplicate = null;
        for (Member member : bucket) {
            if (!Neighbor.isBefore(member.timestamp(), member.id(), probe.timestamp(), probe.documentId())) {
                continue;
            }
            float score = UnitVectors.dot(member.vector(), probe.vector());
            boolean nearDuplicate = score >= nearDuplicateThreshold && (earliestNearDuplicate == null || Neighbor.isBefore(
                    member.timestamp(), member.id(), earliestNearDuplicate.timestamp(), earliestNearDuplicate.id()));
            if (nearDuplicate) {
                earliestNearDuplicate = new Neighbor(member.id(), score, member.timestamp());
            }
            if (score >= minScore && best.admits(score)) {
                best.offer(nearDuplicate ? earliestNearDuplicate : new Neighbor(member.id(), score, member.timestamp()));
            }
        }
        return SimilarityMessage.BandAnswer.ofBand(probe.band(), best.best(), earliestNearDuplicate);
    }

    /** Files the probe's document under its band key, then enforces the bucket and count limits. */
    void add(BandProbe probe) {
        String id = probe.documentId();
        OptionalLong held = store.timestamp(id);
        if (held.isPresent() && held.getAsLong() != probe.timestamp()) { // the same id sent again: the newer text wins
            remove(new Aged(held.getAsLong(), id));
            held = OptionalLong.empty();
        }
        if (held.isEmpty()) {
            store.putDocument(id, probe.timestamp());
            store.putAge(new Aged(probe.timestamp(), id));
            store.putCounter(Counter.DOCUMENTS, store.counter(Counter.DOCUMENTS) + 1);
        } else if (store.isFiled(id, probe.bandKey())) {
            return;
        }
        long sequence = store.counter(Counter.NEXT_SEQUENCE);
        store.putCounter(Counter.NEXT_SEQUENCE, sequence + 1);
        Filing filing = new Filing(probe.bandKey(), sequence);
        store.putFiling(id, filing);
        store.putMember(new Member(filing, id, probe.timestamp(), probe.vector()));
        int bucketSize = store.bucketSize(probe.bandKey()) + 1;
        store.putBucketSize(probe.bandKey(), bucketSize);
        if (bucketSize > maxBucketSize) {
            store.oldestMember(probe.bandKey()).ifPresent(this::unfile);
        }
        while (store.counter(Counter.DOCUMENTS) > maxDocuments) {
            remove(store.oldest().orElseThrow(() -> new IllegalStateException("The similarity index counts "
                    + size() + " documents but its age order is empty; the store is inconsistent")));
        }
    }

    /** Removes every document whose timestamp is before {@code oldestKept}. */
    void evictBefore(long oldestKept) {
        Optional<Aged> oldest;
        while ((oldest = store.oldest()).isPresent() && oldest.get().timestamp() < oldestKept) {
            remove(oldest.get());
        }
    }

    /** Takes a document out of one bucket; a document in no bucket leaves the index. */
    private void unfile(Member member) {
        store.deleteFiling(member.id(), member.filing().bandKey());
        leaveBucket(member.filing());
        if (store.filings(member.id()).isEmpty()) {
            forget(new Aged(member.timestamp(), member.id()));
        }
    }

    /** Takes a document out of all its buckets and the index. */
    private void remove(Aged document) {
        for (Filing filing : store.filings(document.id())) {
            store.deleteFiling(document.id(), filing.bandKey());
            leaveBucket(filing);
        }
        forget(document);
    }

    private void leaveBucket(Filing filing) {
        store.deleteMember(filing);
        store.putBucketSize(filing.bandKey(), store.bucketSize(filing.bandKey()) - 1);
    }

    private void forget(Aged document) {
        store.deleteDocument(document.id());
        store.deleteAge(document);
        store.putCounter(Counter.DOCUMENTS, store.counter(Counter.DOCUMENTS) - 1);
    }
}
