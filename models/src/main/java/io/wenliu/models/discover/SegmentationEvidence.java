package io.wenliu.models.discover;

import io.wenliu.models.segment.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the segmenter treated each occurrence of each candidate, and how often it emitted each word.
 *
 * <p>An occurrence is <em>whole</em> (one word exactly), <em>inside</em> a longer word, <em>composed</em>
 * of two or more words, or <em>crossing</em> a word boundary. Not thread-safe; built once per call.
 */
final class SegmentationEvidence {
    private final Map<String, Occurrences> byCandidate = new HashMap<>();
    private final Map<String, Integer> wordCounts = new HashMap<>();

    /** Collects the evidence for {@code candidates} from the segmented documents (unsegmented ones are skipped). */
    SegmentationEvidence(List<DiscoveryText> texts, Set<String> candidates, int maxLength) {
        Set<String> prefixes = new HashSet<>(); // to stop extending a string that starts no candidate
        for (String candidate : candidates) {
            byCandidate.put(candidate, new Occurrences());
            for (int end = candidate.offsetByCodePoints(0, 2); end <= candidate.length();
                 end = end == candidate.length() ? end + 1 : candidate.offsetByCodePoints(end, 1)) {
                prefixes.add(candidate.substring(0, end));
            }
        }
        for (DiscoveryText text : texts) {
            if (text.words() == null) {
                continue;
            }
            int[] wordStart = new int[text.text().length()];
            int[] wordEnd = new int[text.text().length()];
            java.util.Arrays.fill(wordStart, -1);
            for (Word word : text.words()) {
                wordCounts.merge(word.text(), 1, Integer::sum);
                for (int i = word.start(); i < word.end(); i++) {
                    wordStart[i] = word.start();
                    wordEnd[i] = word.end();
                }
            }
            for (HanRun run : HanRun.of(text.text())) {
                for (int i = 0; i < run.length(); i++) {
                    for (int n = 2; n <= maxLength && i + n <= run.length(); n++) {
                        String gram = run.substring(i, i + n);
                        if (!prefixes.contains(gram)) {
                            break;
                        }
                        Occurrences occurrences = byCandidate.get(gram);
                        if (occurrences != null) {
                            occurrences.add(text.text(), run.offsets(), i, i + n, wordStart, wordEnd);
                        }
                    }
                }
            }
        }
    }

    Occurrences of(String candidate) {
        return byCandidate.get(candidate);
    }

    /** How often the segmenter emitted {@code word} as one word. */
    int wordCount(String word) {
        return wordCounts.getOrDefault(word, 0);
    }

    /** The segmenter's treatment of one candidate's occurrences. */
    static final class Occurrences {
        int total;
        int whole;
        int inside;
        int composed;
        /** How often each pattern of word boundaries inside and at the ends of the candidate (a bit per position) occurred. */
        final Map<Integer, Integer> patterns = new HashMap<>(4);
        /** How often each composition into words occurred. */
        final Map<List<String>, Integer> compositions = new HashMap<>();

        private void add(String text, int[] offsets, int from, int to, int[] wordStart, int[] wordEnd) {
            total++;
            int start = offsets[from];
            int end = offsets[to];
            int pattern = 0;
            for (int k = from; k <= to; k++) {
                pattern = pattern << 1 | (isBoundary(offsets[k], wordStart, wordEnd) ? 1 : 0);
            }
            patterns.merge(pattern, 1, Integer::sum);
            boolean startsWord = isBoundary(start, wordStart, wordEnd);
            boolean endsWord = isBoundary(end, wordStart, wordEnd);
            if (startsWord && endsWord && wordEnd[start] == end) {
                whole++;
            } else if (wordStart[start] >= 0 && wordStart[start] == wordStart[end - 1]) {
                inside++;
            } else if (startsWord && endsWord) {
                composed++;
                List<String> parts = new ArrayList<>(4);
                for (int p = start; p < end; p = wordEnd[p]) {
                    parts.add(text.substring(p, wordEnd[p]));
                }
                compositions.merge(parts, 1, Integer::sum);
            }
        }

        /** Whether a word starts or ends at UTF-16 offset {@code at}. */
        private static boolean isBoundary(int at, int[] wordStart, int[] wordEnd) {
            return at == 0 || at >= wordStart.length || wordStart[at] == at || wordEnd[at - 1] == at;
        }

        double share(int n) {
            return total == 0 ? 0 : (double) n / total;
        }

        /** The share of occurrences segmented the segmenter's most usual way. */
        double dominantPatternShare() {
            return share(patterns.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        }

        /** The segmenter's most usual composition of the candidate into words, or an empty list. */
        List<String> usualComposition() {
            return compositions.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse(List.of());
        }
    }
}
