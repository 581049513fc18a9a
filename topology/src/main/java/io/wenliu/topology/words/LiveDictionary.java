package io.wenliu.topology.words;

import io.wenliu.models.segment.UserDictionary;
import io.wenliu.models.segment.UserDictionarySource;
import io.wenliu.serdes.avro.DictionaryAction;
import io.wenliu.serdes.avro.DictionaryEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The segmentation dictionary one instance applies: the start-up seed (the user dictionary file,
 * itself reloaded when it changes) with the dictionary topic's entries on top.
 *
 * <p>The global-store processor ({@link DictionaryUpdateProcessor}) writes entries as they arrive;
 * the segmentation stages read a {@link Snapshot} per batch, so a change applies to the next batch on
 * every instance. One per JVM, shared by the global thread and every stream thread: thread-safe.
 */
public final class LiveDictionary implements UserDictionarySource {
    /** A dictionary and the fingerprint that names it in enriched records. */
    public record Snapshot(UserDictionary dictionary, long version) {
    }

    private final UserDictionarySource seed;
    /** Topic entries: pieces for KEEP (one) and SPLIT, empty for REMOVE. */
    private final Map<String, List<String>> topicEntries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile Cached cached;

    private record Cached(UserDictionary seed, long changes, Snapshot snapshot) {
    }

    /** @param seed the start-up seed, e.g. the segmenter's file dictionary */
    public LiveDictionary(UserDictionarySource seed) {
        this.seed = Objects.requireNonNull(seed, "seed");
    }

    /** Applies one dictionary topic record; a null entry (tombstone) forgets the word. */
    public void apply(String word, DictionaryEntry entry) {
        if (entry == null) {
            topicEntries.remove(word);
        } else {
            topicEntries.put(word, piecesOf(entry));
        }
        changes.incrementAndGet();
    }

    /** The entries of the dictionary topic as this instance has them: word → pieces (empty: removed). */
    public Map<String, List<String>> topicEntries() {
        return Map.copyOf(topicEntries);
    }

    /** The dictionary in force now and its version. */
    public Snapshot snapshot() {
        UserDictionary seedNow = seed.current();
        Cached now = cached;
        long changed = changes.get();
        if (now != null && now.seed() == seedNow && now.changes() == changed) {
            return now.snapshot();
        }
        Map<String, List<String>> overrides = new HashMap<>();
        topicEntries.forEach((word, pieces) -> overrides.put(word, pieces.isEmpty() ? null : pieces));
        UserDictionary merged = seedNow.with(overrides);
        Snapshot snapshot = new Snapshot(merged, merged.fingerprint());
        cached = new Cached(seedNow, changed, snapshot);
        return snapshot;
    }

    @Override
    public UserDictionary current() {
        return snapshot().dictionary();
    }

    /** The pieces an entry imposes: the word itself for KEEP, its pieces for SPLIT, none for REMOVE. */
    static List<String> piecesOf(DictionaryEntry entry) {
        return switch (entry.getAction()) {
            case KEEP -> List.of(entry.getWord());
            case SPLIT -> List.copyOf(entry.getPieces());
            case REMOVE -> List.of();
        };
    }

    /** An entry that keeps {@code word} whole or cuts it into {@code pieces}, checked like a dictionary file line. */
    static Optional<String> problemWith(DictionaryEntry entry) {
        if (entry.getAction() == DictionaryAction.SPLIT && (entry.getPieces().size() < 2
                || !String.join("", entry.getPieces()).equals(entry.getWord()))) {
            return Optional.of("SPLIT entry '" + entry.getWord() + "' needs two or more pieces that join to it, got "
                    + entry.getPieces());
        }
        try {
            List<String> pieces = piecesOf(entry);
            if (!pieces.isEmpty()) {
                UserDictionary.of(Map.of(entry.getWord(), pieces));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
