package io.wenliu.models.discover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * New-word discovery from raw text: the classic cohesion + boundary-freedom method, with the
 * minimum-entropy view of Su Jianlin's nlp-zero ("基于最小熵原理的NLP库：nlp zero", kexue.fm, 2018) and
 * the segmenter's own output as evidence of what is already a word.
 *
 * <ol>
 *   <li>Count character n-grams (2 to {@code maxLength}) inside runs of Han characters
 *       ({@link NgramStatistics}); keep those seen at least {@code minCount} times.</li>
 *   <li>Cohesion: the pointwise mutual information of the candidate's weakest split into two parts,
 *       {@code min ln(N·c(w) / (c(a)·c(b)))}; a word's parts occur together far more often than chance.</li>
 *   <li>Freedom: the entropy of the characters just before and just after it; a word is used in many
 *       contexts, a fragment of a longer word is always followed by the same character.</li>
 *   <li>Edges: no grammatical character at either end ({@link FunctionCharacters}).</li>
 *   <li>With the segmenter's words ({@link DiscoveryText#words()}), drop what is not news or would do
 *       harm as a dictionary word:
 *     <ul>
 *       <li>what it already keeps whole (70% of occurrences or more), or finds inside longer words;</li>
 *       <li>what it segments the same way every time: a segmenter that never hesitates over a string is
 *           following its training conventions (本报|讯), while it wavers over the words it does not
 *           know (小环, 小|环, 小环|一);</li>
 *       <li>compounds: a concatenation of two or more words of several characters (三峡|工程), a phrase
 *           joined by a linking word (党|的|建设), or a string whose parts are free words, each used
 *           on its own at least half the time (去|看), or one with a free multi-character part
 *           (音乐|剧). This is the minimum-entropy criterion: writing such a string as one word does
 *           not shorten the text, because its parts are needed as words anyway.</li>
 *     </ul></li>
 *   <li>Rank by {@code score = count × cohesion}: the nats the text saves by writing the candidate as one
 *       word rather than as its weakest split, summed over its occurrences.</li>
 * </ol>
 * Stateless and thread-safe; each call builds its own counts, in memory proportional to the
 * frequent n-grams of its texts.
 */
public final class WordDiscoverer {
    /** A string the segmenter keeps whole this often is not news. */
    private static final double MAX_WHOLE_SHARE = 0.7;
    /** A string found this often inside a longer word would cut that word as a dictionary entry. */
    private static final double MAX_INSIDE_SHARE = 0.5;
    /** The least share of occurrences the segmenter cuts exactly at the candidate's ends. */
    private static final double MIN_COMPOSED_SHARE = 0.1;
    /** A part used on its own at least this share of the time is a free word. */
    private static final double FREE_WORD_SHARE = 0.5;

    private final DiscoverySettings settings;

    public WordDiscoverer(DiscoverySettings settings) {
        this.settings = settings;
    }

    public DiscoverySettings settings() {
        return settings;
    }

    /** The candidates in {@code texts}, best first, at most {@code maxCandidates}. */
    public List<WordCandidate> discover(List<DiscoveryText> texts) {
        List<HanRun> runs = new ArrayList<>();
        boolean segmented = false;
        for (DiscoveryText text : texts) {
            runs.addAll(HanRun.of(text.text()));
            segmented |= text.words() != null;
        }
        NgramStatistics grams = new NgramStatistics(runs, settings.maxLength(), settings.minCount());
        Map<String, Double> cohesive = new HashMap<>();
        for (String gram : grams.frequentGrams()) {
            if (!FunctionCharacters.cannotStart(gram) && !FunctionCharacters.cannotEnd(gram)) {
                double cohesion = grams.cohesion(gram);
                if (cohesion >= settings.minCohesion()) {
                    cohesive.put(gram, cohesion);
                }
            }
        }
        grams.countNeighbours(runs, cohesive.keySet(), settings.maxLength());
        List<WordCandidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Double> entry : cohesive.entrySet()) {
            String gram = entry.getKey();
            double left = grams.leftEntropy(gram);
            double right = grams.rightEntropy(gram);
            if (Math.min(left, right) < settings.minEntropy()) {
                continue;
            }
            double cohesion = entry.getValue();
            int count = grams.count(gram);
            candidates.add(new WordCandidate(gram, count * cohesion, count, cohesion, left, right));
        }
        candidates.sort(Comparator.comparingDouble(WordCandidate::score).reversed()
                .thenComparing(WordCandidate::word));
        if (segmented) {
            candidates = withoutKnownWords(texts, candidates);
        }
        return candidates.size() > settings.maxCandidates()
                ? List.copyOf(candidates.subList(0, settings.maxCandidates())) : List.copyOf(candidates);
    }

    /**
     * The candidates, best first, that the segmenter does not already handle, until there are
     * {@code maxCandidates}. Weighed in growing slices of the ranking (one pass over the texts each), since
     * in a well-segmented text most candidates are known words and the evidence is the costly part.
     */
    private List<WordCandidate> withoutKnownWords(List<DiscoveryText> texts, List<WordCandidate> ranked) {
        List<WordCandidate> news = new ArrayList<>();
        int from = 0;
        int slice = 4 * settings.maxCandidates();
        while (from < ranked.size() && news.size() < settings.maxCandidates()) {
            List<WordCandidate> weighed = ranked.subList(from, Math.min(ranked.size(), from + slice));
            Set<String> words = new HashSet<>();
            weighed.forEach(c -> words.add(c.word()));
            SegmentationEvidence evidence = new SegmentationEvidence(texts, words, settings.maxLength());
            for (WordCandidate candidate : weighed) {
                if (isNews(evidence, evidence.of(candidate.word()))) {
                    news.add(candidate);
                }
            }
            from += weighed.size();
            slice *= 2;
        }
        return news;
    }

    private static boolean isNews(SegmentationEvidence evidence, SegmentationEvidence.Occurrences seen) {
        if (seen.total == 0) {
            return true; // only in unsegmented texts: no evidence against it
        }
        if (seen.share(seen.whole) >= MAX_WHOLE_SHARE || seen.share(seen.inside) >= MAX_INSIDE_SHARE
                || seen.share(seen.whole + seen.inside) >= MAX_WHOLE_SHARE
                || seen.share(seen.composed) < MIN_COMPOSED_SHARE || seen.dominantPatternShare() >= 1.0) {
            return false;
        }
        List<String> parts = seen.usualComposition();
        if (parts.stream().filter(p -> p.codePointCount(0, p.length()) > 1).count() >= 2) {
            return false;
        }
        for (int i = 1; i < parts.size() - 1; i++) {
            if (FunctionCharacters.isLinking(parts.get(i))) {
                return false;
            }
        }
        boolean allFree = !parts.isEmpty();
        for (String part : parts) {
            boolean free = freeShare(evidence, seen, part) >= FREE_WORD_SHARE;
            if (free && part.codePointCount(0, part.length()) > 1) {
                return false;
            }
            allFree &= free;
        }
        return !allFree;
    }

    /** The share of the segmenter's uses of {@code part} that lie outside this candidate. */
    private static double freeShare(SegmentationEvidence evidence, SegmentationEvidence.Occurrences seen, String part) {
        int uses = evidence.wordCount(part);
        return uses == 0 ? 0 : 1 - Math.min(1.0, (double) seen.composed / uses);
    }
}
