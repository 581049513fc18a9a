package io.wenliu.models.train.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training set made by mixing several corpora's train splits, without letting one corpus's
 * training data inflate another's dev score.
 *
 * <p>Rules, applied in corpus order (whitespace-free text is the key):
 * <ol>
 *   <li>a training text that also occurs in the dev split of a <em>different</em> corpus is dropped
 *       (online_shopping_10_cats' train holds ~900 ChnSentiCorp dev reviews, for instance), unless it
 *       also occurs in its own corpus's dev split: a corpus's own official train/dev overlap is part
 *       of that benchmark as published (ChnSentiCorp's train holds 344 of its 1,161 dev reviews) and
 *       is kept, so that its dev figure stays comparable to published ones;</li>
 *   <li>a text already taken from an earlier corpus is dropped (first corpus wins, also on label).</li>
 * </ol>
 * Immutable.
 *
 * @param texts   the mixed training texts in corpus order
 * @param reports per corpus: how many were read, dropped by rule 1 and 2, and kept
 */
public record SentimentMix(List<LabeledText> texts, Map<String, CorpusReport> reports) {

    /** What the mix took from one corpus. */
    public record CorpusReport(int read, int droppedAsOtherDev, int droppedAsDuplicate, int kept) {
    }

    /**
     * @param train corpus name → its train split, in priority order
     * @param dev   corpus name → its dev split
     */
    public static SentimentMix of(Map<String, List<LabeledText>> train, Map<String, List<LabeledText>> dev) {
        Map<String, Set<String>> devKeys = new HashMap<>();
        dev.forEach((name, texts) -> {
            Set<String> keys = new HashSet<>();
            texts.forEach(t -> keys.add(t.key()));
            devKeys.put(name, keys);
        });
        Set<String> taken = new HashSet<>();
        List<LabeledText> mixed = new ArrayList<>();
        Map<String, CorpusReport> reports = new LinkedHashMap<>();
        train.forEach((name, texts) -> {
            int otherDev = 0;
            int duplicate = 0;
            int kept = 0;
            Set<String> ownDev = devKeys.getOrDefault(name, Set.of());
            for (LabeledText t : texts) {
                String key = t.key();
                boolean inOtherDev = !ownDev.contains(key) && devKeys.entrySet().stream()
                        .anyMatch(e -> !e.getKey().equals(name) && e.getValue().contains(key));
                if (inOtherDev) {
                    otherDev++;
                } else if (!taken.add(key)) {
                    duplicate++;
                } else {
                    mixed.add(t);
                    kept++;
                }
            }
            reports.put(name, new CorpusReport(texts.size(), otherDev, duplicate, kept));
        });
        return new SentimentMix(List.copyOf(mixed), reports);
    }
}
