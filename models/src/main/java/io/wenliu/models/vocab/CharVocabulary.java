package io.wenliu.models.vocab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps normalized code points to the integer ids a model was trained with.
 *
 * <p>Stored as {@code vocab.txt}: one entry per line in UTF-8, the line number (from 0) is the id.
 * Line 0 is {@value #PAD} (padding, id 0) and line 1 is {@value #UNKNOWN} (any code point not in the
 * vocabulary, id 1); every other line holds exactly one code point. Immutable and thread-safe.
 */
public final class CharVocabulary {
    public static final String PAD = "<pad>";
    public static final String UNKNOWN = "<unk>";
    public static final int PAD_ID = 0;
    public static final int UNKNOWN_ID = 1;
    public static final String FILE_NAME = "vocab.txt";

    private final List<String> entries;
    private final Map<Integer, Integer> ids;

    private CharVocabulary(List<String> entries) {
        if (entries.size() < 2 || !PAD.equals(entries.get(0)) || !UNKNOWN.equals(entries.get(1))) {
            throw new IllegalArgumentException("A vocabulary starts with " + PAD + " and " + UNKNOWN);
        }
        this.entries = List.copyOf(entries);
        this.ids = new HashMap<>(entries.size() * 2);
        for (int id = 2; id < entries.size(); id++) {
            String entry = entries.get(id);
            if (entry.codePointCount(0, entry.length()) != 1) {
                throw new IllegalArgumentException("Vocabulary line " + id + " must hold one character, got '" + entry + "'");
            }
            if (ids.put(entry.codePointAt(0), id) != null) {
                throw new IllegalArgumentException("Vocabulary line " + id + " repeats '" + entry + "'");
            }
        }
    }

    /** A vocabulary of the given normalized code points, in that order, after the two reserved ids. */
    public static CharVocabulary of(List<Integer> codePoints) {
        List<String> entries = new ArrayList<>(codePoints.size() + 2);
        entries.add(PAD);
        entries.add(UNKNOWN);
        codePoints.forEach(cp -> entries.add(new String(Character.toChars(cp))));
        return new CharVocabulary(entries);
    }

    /**
     * A vocabulary of the code points counted at least {@code minCount} times, most frequent first (ties by
     * code point, so the same counts always give the same ids).
     */
    public static CharVocabulary ofCounts(Map<Integer, Integer> counts, int minCount) {
        return of(counts.entrySet().stream().filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList());
    }

    /** Reads {@code vocab.txt} from a model directory. */
    public static CharVocabulary load(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        try {
            return new CharVocabulary(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the vocabulary " + file, e);
        }
    }

    public void save(Path modelDir) throws IOException {
        Files.write(modelDir.resolve(FILE_NAME), entries, StandardCharsets.UTF_8);
    }

    /** The id of a normalized code point, or {@link #UNKNOWN_ID}. */
    public int id(int normalizedCodePoint) {
        return ids.getOrDefault(normalizedCodePoint, UNKNOWN_ID);
    }

    /** Number of ids, the reserved ones included. */
    public int size() {
        return entries.size();
    }

    public List<String> entries() {
        return Collections.unmodifiableList(entries);
    }
}
