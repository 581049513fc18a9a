package io.wenliu.topology.words;

import io.wenliu.serdes.avro.DictionaryAction;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DictionarySource;
import io.wenliu.serdes.avro.DiscoveredWord;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.StoreNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Merges the partitions' reports of one word (they arrive keyed by word, so every report of a word
 * meets here) and writes the merged candidate: scores and counts summed over the partitions whose
 * report is recent (within three publish intervals; an older one means the word left that partition's
 * top list). With auto-accept on, a candidate at or above the score enters the dictionary topic as a
 * DISCOVERED KEEP entry, unless the dictionary already says anything about the word (an operator's
 * REMOVE stays in force). Borrows the store and the {@link LiveDictionary}.
 */
final class CandidateMergeProcessor extends ContextualProcessor<String, String, String, Object> {
    private final WordsSettings settings;
    private final LiveDictionary dictionary;
    private KeyValueStore<String, String> reports;

    CandidateMergeProcessor(WordsSettings settings, LiveDictionary dictionary) {
        this.settings = settings;
        this.dictionary = dictionary;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        reports = context.getStateStore(StoreNames.WORD_REPORTS);
    }

    @Override
    public void process(Record<String, String> record) {
        String[] report = record.value().split("\t");
        long time = record.timestamp();
        long oldest = time - 3 * settings.publishInterval().toMillis();
        Map<Integer, double[]> byPartition = new TreeMap<>(); // partition -> score, count, time
        String stored = reports.get(record.key());
        if (stored != null) {
            for (String line : stored.split("\n")) {
                String[] f = line.split("\t");
                byPartition.put(Integer.parseInt(f[0]),
                        new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        }
        byPartition.put(Integer.parseInt(report[0]),
                new double[] {Double.parseDouble(report[1]), Double.parseDouble(report[2]), time});
        byPartition.values().removeIf(r -> r[2] < oldest);
        StringBuilder keep = new StringBuilder();
        double score = 0;
        long count = 0;
        for (Map.Entry<Integer, double[]> e : byPartition.entrySet()) {
            double[] r = e.getValue();
            keep.append(e.getKey()).append('\t').append(r[0]).append('\t').append((long) r[1]).append('\t')
                    .append((long) r[2]).append('\n');
            score += r[0];
            count += (long) r[1];
        }
        reports.put(record.key(), keep.toString());
        DiscoveredWord merged = new DiscoveredWord(record.key(), score, count, byPartition.size(), Instant.ofEpochMilli(time));
        context().forward(new Record<>(record.key(), merged, time), NodeNames.WORD_CANDIDATES_SINK);
        Double threshold = settings.autoAcceptScore();
        if (threshold != null && score >= threshold && !dictionary.topicEntries().containsKey(record.key())) {
            DictionaryEntry entry = new DictionaryEntry(record.key(), DictionaryAction.KEEP, List.of(),
                    DictionarySource.DISCOVERED, score, Instant.ofEpochMilli(time));
            context().forward(new Record<>(record.key(), entry, time), NodeNames.DICTIONARY_SINK);
        }
    }
}
