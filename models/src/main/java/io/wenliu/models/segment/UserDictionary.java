package io.wenliu.models.segment;

import io.wenliu.models.text.CharNormalizer;
import io.wenliu.models.text.NormalizedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segmentations the user imposes on the model, applied at decoding time as hard constraints.
 *
 * <p>File format (UTF-8, one entry per line; blank lines and lines starting with {@code #} are
 * ignored; surrounding whitespace is trimmed):
 * <pre>
 * # a word that must stay whole
 * +区块链
 * # a string that must be cut exactly so: 南京市 | 长江大桥
 * -南京市|长江大桥
 * </pre>
 * Wherever an entry's characters occur in a text, they become exactly the entry's words: a
 * {@code +} entry one word, a {@code -} entry one word per {@code |}-separated piece. Matching is
 * on normalized characters ({@link CharNormalizer}: full-width and case do not matter), never across
 * whitespace, leftmost first and, at one position, the longest entry wins; overlapping later matches
 * are skipped. Immutable and thread-safe.
 */
public final class UserDictionary {
    /** The boundary before a position may be chosen by the model. */
    public static final byte FREE = 0;
    /** A word must begin at this position. */
    public static final byte SPLIT = 1;
    /** This position must continue the previous position's word. */
    public static final byte JOIN = 2;

    private static final UserDictionary EMPTY = new UserDictionary(new Node(), Map.of());

    private final Node root;
    /** Each entry's word and its pieces (one piece: keep whole), in the order given. */
    private final Map<String, List<String>> entries;

    private UserDictionary(Node root, Map<String, List<String>> entries) {
        this.root = root;
        this.entries = entries;
    }

    /**
     * A dictionary of entries given as word → pieces: one piece keeps the word whole, several cut it
     * so (they must join to the word).
     *
     * @throws IllegalArgumentException naming an entry that is empty, holds whitespace or whose pieces do not join to it
     */
    public static UserDictionary of(Map<String, List<String>> entries) {
        Node root = new Node();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
            List<String> pieces = List.copyOf(entry.getValue());
            if (pieces.isEmpty() || pieces.stream().anyMatch(String::isEmpty) || !String.join("", pieces).equals(entry.getKey())
                    || entry.getKey().codePoints().anyMatch(NormalizedText::isSpace)) {
                throw new IllegalArgumentException("Dictionary entry '" + entry.getKey() + "' -> " + pieces
                        + " is not a word without whitespace cut into non-empty pieces that join to it");
            }
            root.insert(pieces);
            copy.put(entry.getKey(), pieces);
        }
        return new UserDictionary(root, Collections.unmodifiableMap(copy));
    }

    public static UserDictionary empty() {
        return EMPTY;
    }

    /** Reads a dictionary file. */
    public static UserDictionary load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the user dictionary " + file, e);
        }
    }

    /**
     * Parses dictionary lines.
     *
     * @param source named in error messages
     * @throws IllegalArgumentException naming the line of a malformed entry
     */
    public static UserDictionary parse(List<String> lines, String source) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip(); // a byte-order mark
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            char kind = line.charAt(0);
            String body = line.substring(1);
            List<String> pieces = kind == '-' ? Arrays.asList(body.split("\\|", -1)) : List.of(body);
            if ((kind != '+' && kind != '-') || pieces.stream().anyMatch(String::isEmpty)
                    || (kind == '-' && pieces.size() < 2) || body.codePoints().anyMatch(NormalizedText::isSpace)) {
                throw new IllegalArgumentException(source + " line " + (n + 1) + ": '" + lines.get(n)
                        + "' is not '+word' or '-piece|piece[|...]' (no whitespace inside)");
            }
            String word = String.join("", pieces);
            entries.remove(word); // a later duplicate wins, in the later position
            entries.put(word, pieces);
        }
        return of(entries);
    }

    /** Number of entries. */
    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Each entry's word and its pieces (one piece: keep whole), in the order given; unmodifiable. */
    public Map<String, List<String>> entries() {
        return entries;
    }

    /**
     * This dictionary with {@code changes} applied: a word mapped to pieces is added or replaced, a word
     * mapped to null is removed.
     */
    public UserDictionary with(Map<String, List<String>> changes) {
        Map<String, List<String>> merged = new LinkedHashMap<>(entries);
        changes.forEach((word, pieces) -> {
            merged.remove(word);
            if (pieces != null) {
                merged.put(word, pieces);
            }
        });
        return of(merged);
    }

    /**
     * A 64-bit fingerprint of the entries, independent of their order: equal on every instance that
     * holds the same entries, and 0 for the empty dictionary. Names the dictionary an output was made with.
     */
    public long fingerprint() {
        long sum = 0;
        for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
            sum += mix(String.join("|", entry.getValue()).hashCode() * 0x9E3779B97F4A7C15L + entry.getKey().length());
        }
        return sum;
    }

    /** The SplitMix64 finalizer: spreads a hash over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Writes this dictionary's constraints into {@code gaps}: {@code gaps[i]} describes the boundary
     * before position {@code i} of {@code text} ({@link #FREE}, {@link #SPLIT} or {@link #JOIN}).
     * Whitespace is never joined across and a gap already set to {@link #JOIN} (inside an atomic run)
     * is never cut: of the entries matching at a position, the longest that respects both wins.
     *
     * @param gaps {@code text.length() + 1} entries
     * @return whether any constraint was added
     */
    public boolean constrain(NormalizedText text, byte[] gaps) {
        if (isEmpty()) {
            return false;
        }
        boolean added = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            Node node = root;
            Node matched = null;
            int matchedEnd = -1;
            for (int j = i; j < n; j++) {
                if (j > i && text.spaceBefore(j)) {
                    break; // never across whitespace
                }
                node = node.children.get(text.codePoint(j));
                if (node == null) {
                    break;
                }
                if (node.cuts != null && keepsJoins(gaps, i, j + 1, node.cuts)) {
                    matched = node;
                    matchedEnd = j + 1;
                }
            }
            if (matched == null) {
                i++;
                continue;
            }
            gaps[i] = SPLIT;
            gaps[matchedEnd] = SPLIT;
            for (int p = i + 1; p < matchedEnd; p++) {
                gaps[p] = JOIN;
            }
            for (int cut : matched.cuts) {
                gaps[i + cut] = SPLIT;
            }
            added = true;
            i = matchedEnd;
        }
        return added;
    }

    /** Whether a match over {@code [from, to)} with these internal cuts leaves every {@link #JOIN} gap joined. */
    private static boolean keepsJoins(byte[] gaps, int from, int to, int[] cuts) {
        if (gaps[from] == JOIN || gaps[to] == JOIN) {
            return false;
        }
        for (int cut : cuts) {
            if (gaps[from + cut] == JOIN) {
                return false;
            }
        }
        return true;
    }

    /** A trie over normalized code points; {@code cuts} marks an entry's end (its internal cut offsets). */
    private static final class Node {
        final Map<Integer, Node> children = new HashMap<>(4);
        int[] cuts;

        void insert(List<String> pieces) {
            Node node = this;
            List<Integer> cutList = new ArrayList<>();
            int offset = 0;
            for (int p = 0; p < pieces.size(); p++) {
                if (p > 0) {
                    cutList.add(offset);
                }
                for (int cp : CharNormalizer.normalizedCodePoints(pieces.get(p))) {
                    node = node.children.computeIfAbsent(cp, c -> new Node());
                    offset++;
                }
            }
            node.cuts = cutList.stream().mapToInt(Integer::intValue).toArray(); // a later duplicate wins
        }
    }
}
