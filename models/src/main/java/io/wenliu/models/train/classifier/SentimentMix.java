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
 *   <li>the first corpus's train split is taken whole: it is the benchmark whose dev accuracy chooses
 *       the checkpoint and is the headline figure, and its published anchors were trained on all of
 *       it (ChnSentiCorp's official train even holds 344 of its 1,161 dev reviews);</li>
 *   <li>from every other corpus, a training text that also occurs in the dev split of any other
 *       corpus is dropped (online_shopping_10_cats' train holds ~900 ChnSentiCorp dev reviews, for
 *       instance), so that mixing adds no dev text to training that the first corpus did not
 *       already hold;</li>
 *   <li>a text already taken (from an earlier corpus or earlier in the same one) is dropped: first
 *       wins, also on the label.</li>
 * </ol>
 * The first corpus's train does overlap other corpora's dev splits, so scores should also be
 * reported on the dev texts that occur in no training text.
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
        String first = train.keySet().iterator().next();
        train.forEach((name, texts) -> {
            int otherDev = 0;
            int duplicate = 0;
            int kept = 0;
            Set<String> ownDev = devKeys.getOrDefault(name, Set.of());
            for (LabeledText t : texts) {
                String key = t.key();
                boolean inOtherDev = !name.equals(first) && !ownDev.contains(key) && devKeys.entrySet().stream()
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
