package io.wenliu.topology.words;

import io.wenliu.models.discover.DiscoveryText;
import io.wenliu.models.discover.WordCandidate;
import io.wenliu.models.discover.WordDiscoverer;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.topology.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the last {@code windowDocuments} enriched documents of its partition (text and words) and, every
 * {@code publishInterval}, rescores the window with {@link WordDiscoverer} and forwards its best
 * candidates keyed by word, as {@code partition TAB score TAB count}, for {@link CandidateMergeProcessor}.
 *
 * <p>Memory: the window lives in a changelogged store keyed by arrival sequence, so a failover resumes
 * with the same window; its size is bounded by {@code windowDocuments × wenliu.text.max.chars}. Exact
 * counts are recomputed from it at each interval (in memory proportional to the window's frequent
 * n-grams, see {@code NgramStatistics}) rather than kept in a count-min sketch: the scorer needs the
 * neighbours of each n-gram and small exact counts, which a sketch overestimates precisely for the
 * rare strings new words are. Borrows the store.
 */
final class WordWindowProcessor extends ContextualProcessor<String, EnrichedDocument, String, String> {
    private final WordsSettings settings;
    private final WordDiscoverer discoverer;
    private KeyValueStore<Long, String> window;
    private long next;
    private boolean changed;

    WordWindowProcessor(WordsSettings settings) {
        this.settings = settings;
        this.discoverer = new WordDiscoverer(settings.discovery().withMaxCandidates(settings.topCandidates()));
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        super.init(context);
        window = context.getStateStore(StoreNames.WORD_WINDOW);
        try (KeyValueIterator<Long, String> last = window.reverseAll()) {
            next = last.hasNext() ? last.next().key + 1 : 0;
        }
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, EnrichedDocument> record) {
        if (record.value() == null || record.value().getText() == null) {
            return;
        }
        window.put(next, WindowedText.encode(record.value()));
        window.delete(next - settings.windowDocuments());
        next++;
        changed = true;
    }

    void publish(long now) {
        if (!changed) {
            return;
        }
        changed = false;
        List<DiscoveryText> texts = new ArrayList<>();
        try (KeyValueIterator<Long, String> all = window.all()) {
            while (all.hasNext()) {
                KeyValue<Long, String> entry = all.next();
                texts.add(WindowedText.decode(entry.value));
            }
        }
        int partition = context().taskId().partition();
        for (WordCandidate candidate : discoverer.discover(texts)) {
            context().forward(new Record<>(candidate.word(), String.format(Locale.ROOT, "%d\t%.3f\t%d", partition,
                    candidate.score(), candidate.count()), now));
        }
    }
}
