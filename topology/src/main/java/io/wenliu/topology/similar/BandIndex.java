package io.wenliu.topology.similar;

import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.topology.similar.IndexStore.Aged;
import io.wenliu.topology.similar.IndexStore.Counter;
import io.wenliu.topology.similar.IndexStore.Filing;
import io.wenliu.topology.similar.IndexStore.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One partition of the similar-document index: the documents filed under the band keys this
 * partition owns, with retention by age and count.
 *
 * <p>Every lookup and change is a query on the partition's {@link IndexStore}: a bucket is one prefix
 * scan of its members with their vectors, oldest first; retention reads the oldest
 * documents from the store's age order; a document's buckets, to take it out of them, are one prefix
 * scan; the counters (next sequence number, documents held) are in the store too, and a bucket's size is
 * the length of the scan that looks it up just before the document is filed there. This
 * class holds nothing in heap, so its memory does not grow with the index, and after a failover the
 * new owner answers at once, exactly as the old one would have.
 *
 * <p>Borrows the store (Kafka Streams owns it). Not thread-safe: one stream task's thread.
 */
final class BandIndex {
    /** Cosine above which two vectors are one: fixed point moves a cosine by ~1e-6, an edited text far more. */
    private static final float SAME_VECTOR = 0.9999f;
    private final IndexStore store;
    private final int maxDocuments;
    private final int maxBucketSize;
    private int lastBucketMembers;

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

    /** Members of the buckets the last {@link #lookUpAndFile} or {@link #lookUp} scanned (for benchmarks). */
    int lastBucketMembers() {
        return lastBucketMembers;
    }

    /**
     * One document's step in this partition, as the index processor takes it for a {@link ShardProbe}: a
     * copy of the document under another timestamp or with another vector leaves the index (the text sent
     * last wins), each band is looked up ({@link #lookUp}), and the document is filed in each bucket where it
     * found no near-duplicate (a near-duplicate is found through the earlier document it copies; not filing
     * it keeps a flood of copies from filling the buckets every lookup scans).
     *
     * @param bands the document's bands in this partition
     * @return every band's answer as one
     */
    SimilarityMessage.BandAnswer lookUpAndFile(List<BandProbe> bands, int topK, float minScore,
                                               float nearDuplicateThreshold) {
        boolean held = replaceOlderCopy(bands.get(0));
        SimilarityMessage.BandAnswer answer = null;
        List<BandProbe> toFile = new ArrayList<>();
        List<Integer> bucketSizes = new ArrayList<>();
        lastBucketMembers = 0;
        for (BandProbe band : bands) {
            List<Member> bucket = store.members(band.bandKey());
            lastBucketMembers += bucket.size();
            SimilarityMessage.BandAnswer found = answer(bucket, band, topK, minScore, nearDuplicateThreshold);
            if (found.earliestNearDuplicate() == null) {
                toFile.add(band);
                bucketSizes.add(bucket.size());
            }
            answer = answer == null ? found : answer.and(found, topK);
        }
        file(toFile, bucketSizes, held);
        return answer;
    }

    /**
     * The documents in {@code probe}'s bucket that come before it (by timestamp, then id), scored by
     * cosine: the best {@code topK} at or above {@code minScore}, and the earliest at or above
     * {@code nearDuplicateThreshold}. Changes nothing.
     */
    SimilarityMessage.BandAnswer lookUp(BandProbe probe, int topK, float minScore, float nearDuplicateThreshold) {
        List<Member> bucket = store.members(probe.bandKey());
        lastBucketMembers = bucket.size();
        return answer(bucket, probe, topK, minScore, nearDuplicateThreshold);
    }

    /** Files the probe's document under its band key whatever the bucket holds, then enforces the limits. */
    void add(BandProbe probe) {
        boolean held = replaceOlderCopy(probe);
        file(List.of(probe), List.of(store.members(probe.bandKey()).size()), held);
    }

    private static SimilarityMessage.BandAnswer answer(List<Member> bucket, BandProbe probe, int topK, float minScore,
                                                       float nearDuplicateThreshold) {
        TopNeighbors best = new TopNeighbors(topK);
        Neighbor earliestNearDuplicate = null;
        for (Member member : bucket) {
            if (!Neighbor.isBefore(member.timestamp(), member.id(), probe.timestamp(), probe.documentId())
                    || !sameSpace(member.vector(), probe.vector())) {
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

    /**
     * Takes out a copy of the probe's document held under another timestamp or, under the same timestamp, with
     * another vector (its text was edited and sent again with the time it was first published): the text
     * sent last wins. A copy with the same timestamp and vector (the same record sent twice) stays.
     *
     * @return whether the partition still holds the document
     */
    private boolean replaceOlderCopy(BandProbe probe) {
        OptionalLong held = store.timestamp(probe.documentId());
        if (held.isEmpty()) {
            return false;
        }
        if (held.getAsLong() == probe.timestamp() && holdsVector(probe.documentId(), probe.vector())) {
            return true;
        }
        remove(new Aged(held.getAsLong(), probe.documentId()));
        return false;
    }

    /** Whether the held document's vector is {@code vector}, up to the stored fixed point's rounding. */
    private boolean holdsVector(String id, float[] vector) {
        return store.filings(id).stream().findFirst().flatMap(store::member)
                .map(Member::vector)
                .map(held -> sameSpace(held, vector) && UnitVectors.dot(held, vector) >= SAME_VECTOR)
                .orElse(false);
    }

    /**
     * Whether two vectors can be compared: a member of another dimension was embedded by another model (the
     * similarity model changed while the partition held it), so it is never scored and ages out.
     */
    private static boolean sameSpace(float[] member, float[] probe) {
        return member.length == probe.length;
    }

    /**
     * Files one document under the bands' keys, then enforces the bucket and count limits. The counters
     * are read and written once for all the bands: each store write is a changelog record at the next commit.
     *
     * @param bucketSizes the size of each band's bucket before filing (just scanned)
     * @param held        whether the partition holds the document already (then only bands it is not filed
     *                    under are filed)
     */
    private void file(List<BandProbe> bands, List<Integer> bucketSizes, boolean held) {
        if (bands.isEmpty()) {
            return;
        }
        String id = bands.get(0).documentId();
        Set<String> filed = new HashSet<>();
        if (held) {
            store.filings(id).forEach(filing -> filed.add(filing.bandKey()));
        } else {
            store.putDocument(id, bands.get(0).timestamp());
            store.putAge(new Aged(bands.get(0).timestamp(), id));
            store.putCounter(Counter.DOCUMENTS, store.counter(Counter.DOCUMENTS) + 1);
        }
        long first = store.counter(Counter.NEXT_SEQUENCE);
        long sequence = first;
        for (int i = 0; i < bands.size(); i++) {
            BandProbe band = bands.get(i);
            if (!filed.add(band.bandKey())) {
                continue;
            }
            Filing filing = new Filing(band.bandKey(), sequence++);
            store.putFiling(id, filing);
            store.putMember(new Member(filing, id, band.timestamp(), band.vector()));
            if (bucketSizes.get(i) + 1 > maxBucketSize) {
                store.oldestMember(band.bandKey()).ifPresent(this::unfile);
            }
        }
        if (sequence != first) {
            store.putCounter(Counter.NEXT_SEQUENCE, sequence);
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
        store.deleteMember(member.filing());
        if (store.filings(member.id()).isEmpty()) {
            forget(new Aged(member.timestamp(), member.id()));
        }
    }

    /** Takes a document out of all its buckets and the index. */
    private void remove(Aged document) {
        for (Filing filing : store.filings(document.id())) {
            store.deleteFiling(document.id(), filing.bandKey());
            store.deleteMember(filing);
        }
        forget(document);
    }

    private void forget(Aged document) {
        store.deleteDocument(document.id());
        store.deleteAge(document);
        store.putCounter(Counter.DOCUMENTS, store.counter(Counter.DOCUMENTS) - 1);
    }
}
