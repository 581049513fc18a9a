package io.wenliu.topology.similar;

import io.wenliu.topology.NodeNames;
import io.wenliu.topology.StoreNames;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Second step of the similar-document index, on the band repartition topic (partitioned by index
 * shard): for each {@link ShardProbe}, drops documents past their retention (by stream time, capped at
 * the wall clock so that a far-future timestamp cannot empty the index), then for each of its bands
 * looks up the earlier documents of the band's bucket, scored by cosine, and files the document
 * in the bucket unless it is a near-duplicate of an earlier one there ({@link BandIndex#lookUpAndFile}).
 * One answer for all the probe's bands goes to the merge step ({@link NodeNames#SIMILARITY_ANSWERS_SINK}),
 * keyed by the probe's reply key (unique per input record).
 *
 * <p>Each instance holds only the buckets of its partition's shards ({@link BandIndex}, queried
 * in place in the changelogged {@link StoreNames#SIMILARITY_BAND_INDEX} store), so N instances each
 * hold about 1/N of the index. Under {@code exactly_once_v2} the store's changelog, the answers and
 * the consumed offsets commit together.
 *
 * <p>Lifecycle: one instance per task; {@link #init} reads nothing from the store, so a task takes a
 * partition over as soon as the store is restored. Borrows the store. Not thread-safe: one stream
 * task's thread.
 */
public final class BandIndexProcessor extends ContextualProcessor<String, ShardProbe, String, SimilarityMessage> {
    private final SimilaritySettings settings;
    private BandIndex index;

    public BandIndexProcessor(SimilaritySettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SimilarityMessage> context) {
        super.init(context);
        index = new BandIndex(new IndexStore(context.getStateStore(StoreNames.SIMILARITY_BAND_INDEX)),
                settings.maxDocuments(), settings.maxBucketSize());
    }

    @Override
    public void process(Record<String, ShardProbe> record) {
        ShardProbe probe = record.value();
        // Retention runs on stream time, but never ahead of the wall clock: one record stamped far in
        // the future must not age the whole index out for good.
        long now = Math.min(Math.max(context().currentStreamTimeMs(), probe.timestamp()),
                context().currentSystemTimeMs());
        index.evictBefore(saturatedMinus(now, settings.maxAge().toMillis()));
        SimilarityMessage.BandAnswer answer = index.lookUpAndFile(probe.bandProbes(), settings.topK(),
                settings.minScore(), settings.nearDuplicateThreshold());
        context().forward(record.withKey(probe.replyKey()).withValue(answer));
    }

    private static long saturatedMinus(long a, long b) {
        long difference = a - b;
        return ((a ^ b) & (a ^ difference)) < 0 ? Long.MIN_VALUE : difference;
    }
}
