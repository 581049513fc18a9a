package io.wenliu.topology.similar;

import io.wenliu.models.similarity.RandomHyperplaneLsh;
import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.models.vectors.UnitVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Measures the streaming index against exact search: streams documents (in order, one time step
 * each) through {@code partitions} {@link BandIndex} instances as the topology does (band keys routed
 * by their index shard, {@link ShardProbe}; {@link BandIndex#lookUpAndFile}; answers merged by document
 * id) except that near-duplicates are filed too, and compares each sampled document's top-k with the
 * exact top-k over all earlier documents by brute-force cosine.
 *
 * <p>What it leaves out is Kafka itself (serialising probes, repartition topics, RocksDB): the
 * figures are the index's own cost and its recall. Index stores are Kafka Streams' in-memory sorted
 * stores of the same bytes the service's RocksDB stores hold, so their size is what a changelogged
 * store would hold. Not thread-safe.
 */
public final class SimilarityIndexBenchmark {
    private SimilarityIndexBenchmark() {
    }

    /**
     * The outcome.
     *
     * @param documents         documents streamed
     * @param seconds           wall time of streaming them through the index
     * @param recallAtK         mean over sampled queries of |index top-k ∩ exact top-k| / |exact top-k|
     * @param recallAboveMin    the same, counting only exact neighbours with cosine ≥ the relevance floor
     * @param queries           sampled queries (documents with at least one earlier document)
     * @param storeBytes        bytes of all index stores at the end (keys and serialised values)
     * @param storedEntries     documents held by all partitions at the end (a document counts once per partition holding it)
     * @param candidatesPerDoc  cosines computed per document, on average
     * @param heapBytes         heap the indexes hold beside their stores at the end (used heap after a
     *                          full collection, less that once the indexes, not the stores, are let go)
     */
    public record Result(int documents, double seconds, double recallAtK, double recallAboveMin, int queries,
                         long storeBytes, long storedEntries, double candidatesPerDoc, long heapBytes) {
        public double documentsPerSecond() {
            return documents / seconds;
        }
    }

    /**
     * @param vectors       unit vectors, in stream order
     * @param settings      the index settings (topK, minScore, banding, bucket and count limits)
     * @param partitions    number of index partitions (band repartition topic partitions)
     * @param queryEvery    every n-th document is a query checked against brute force
     */
    public static Result run(List<float[]> vectors, SimilaritySettings settings, int partitions, int queryEvery) {
        return run(vectors, null, settings, partitions, queryEvery, settings.minScore());
    }

    /**
     * @param spread         where the embeddings lie (see {@link EmbeddingStageFactory#spread()}), or null
     * @param relevanceFloor exact neighbours below this cosine do not count in {@link Result#recallAboveMin()}
     */
    public static Result run(List<float[]> vectors, EmbeddingSpread spread, SimilaritySettings settings, int partitions,
                             int queryEvery, float relevanceFloor) {
        return run(vectors, spread, settings, partitions, queryEvery, relevanceFloor, IndexStore::inMemory);
    }

    /** @param newStore opens each partition's store (the caller closes it) */
    static Result run(List<float[]> vectors, EmbeddingSpread spread, SimilaritySettings settings, int partitions,
                      int queryEvery, float relevanceFloor, Supplier<IndexStore> newStore) {
        int dimension = vectors.get(0).length;
        RandomHyperplaneLsh lsh = new RandomHyperplaneLsh(dimension, settings.bands(), settings.rowsPerBand(),
                settings.lshSeed(), spread);
        List<IndexStore> stores = new ArrayList<>();
        List<BandIndex> indexes = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            IndexStore store = newStore.get();
            stores.add(store);
            indexes.add(new BandIndex(store, settings.maxDocuments(), settings.maxBucketSize()));
        }
        Map<Integer, List<Neighbor>> found = new HashMap<>();
        long candidates = 0;
        long start = System.nanoTime();
        for (int i = 0; i < vectors.size(); i++) {
            float[] vector = vectors.get(i);
            String id = id(i);
            String[] keys = lsh.bandKeys(vector);
            Map<Integer, List<BandProbe>> byShard = new HashMap<>();
            for (int band = 0; band < keys.length; band++) {
                byShard.computeIfAbsent(ShardProbe.shardOf(keys[band], settings.shards()), shard -> new ArrayList<>())
                        .add(new BandProbe(id, i, band, keys[band], vector, id));
            }
            Map<String, Neighbor> merged = new HashMap<>();
            for (Map.Entry<Integer, List<BandProbe>> shard : byShard.entrySet()) {
                BandIndex index = indexes.get(ShardProbe.partition(shard.getKey(), partitions));
                // no near-duplicates: every document is filed, so that recall is the banding's against brute force
                SimilarityMessage.BandAnswer answer = index.lookUpAndFile(shard.getValue(), settings.topK(),
                        settings.minScore(), Float.POSITIVE_INFINITY);
                candidates += index.lastBucketMembers();
                for (Neighbor n : answer.neighbors()) {
                    merged.putIfAbsent(n.id(), n);
                }
            }
            if (i % queryEvery == queryEvery - 1) {
                List<Neighbor> best = new ArrayList<>(merged.values());
                best.sort(Neighbor.BEST_FIRST);
                found.put(i, best.subList(0, Math.min(settings.topK(), best.size())));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long entries = indexes.stream().mapToLong(BandIndex::size).sum();
        // the heap the indexes hold beside their stores: measured by letting them go, stores kept
        long withIndexes = usedHeapAfterGc();
        indexes.clear();
        long heapBytes = withIndexes - usedHeapAfterGc();

        double recall = 0;
        double recallAboveMin = 0;
        int queries = 0;
        int queriesAboveMin = 0;
        for (Map.Entry<Integer, List<Neighbor>> query : found.entrySet()) {
            int i = query.getKey();
            List<Neighbor> exact = exactTopK(vectors, i, settings.topK());
            if (exact.isEmpty()) {
                continue;
            }
            Set<String> got = new HashSet<>();
            query.getValue().forEach(n -> got.add(n.id()));
            recall += exact.stream().filter(n -> got.contains(n.id())).count() / (double) exact.size();
            queries++;
            List<Neighbor> relevant = exact.stream().filter(n -> n.score() >= relevanceFloor).toList();
            if (!relevant.isEmpty()) {
                recallAboveMin += relevant.stream().filter(n -> got.contains(n.id())).count() / (double) relevant.size();
                queriesAboveMin++;
            }
        }
        long bytes = stores.stream().mapToLong(IndexStore::sizeInBytes).sum();
        return new Result(vectors.size(), seconds, recall / Math.max(1, queries),
                queriesAboveMin == 0 ? Double.NaN : recallAboveMin / queriesAboveMin, queries, bytes, entries,
                candidates / (double) vectors.size(), heapBytes);
    }

    /** The exact top-k earlier documents of document {@code i}, by brute force; exact ties go to the earlier one. */
    static List<Neighbor> exactTopK(List<float[]> vectors, int i, int k) {
        float[] query = vectors.get(i);
        float[] scores = new float[i];
        for (int j = 0; j < i; j++) {
            scores[j] = UnitVectors.dot(query, vectors.get(j));
        }
        Integer[] order = new Integer[i];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
        List<Neighbor> top = new ArrayList<>();
        for (int n = 0; n < Math.min(k, i); n++) {
            top.add(new Neighbor(id(order[n]), scores[order[n]], order[n]));
        }
        return top;
    }

    private static long usedHeapAfterGc() {
        System.gc(); // full collections with the default collector: what remains is retained
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String id(int i) {
        return String.format("doc-%07d", i);
    }
}
