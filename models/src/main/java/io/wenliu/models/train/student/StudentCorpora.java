package io.wenliu.models.train.student;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.vocab.CharVocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The labelled examples of every student task: tagged sentences per {@link TaggingHead}, sentiment texts
 * and similarity pairs. Immutable.
 *
 * @param tagging    the gold tagged sentences of each tagging head (code points normalised)
 * @param sentiment  texts labelled 1 (positive) or 0 (negative)
 * @param similarity sentence pairs graded 0..5 (paraphrase when at least 4)
 */
public record StudentCorpora(Map<TaggingHead, List<TaggedSequence>> tagging, List<LabeledText> sentiment,
                             List<Pair> similarity) {
    /** One in this many examples goes to the validation split. */
    private static final int VALIDATION_SHARE = 20;

    public StudentCorpora {
        Map<TaggingHead, List<TaggedSequence>> copy = new EnumMap<>(TaggingHead.class);
        for (TaggingHead head : TaggingHead.values()) {
            copy.put(head, List.copyOf(tagging.getOrDefault(head, List.of())));
        }
        tagging = Collections.unmodifiableMap(copy); // in head order
        sentiment = List.copyOf(sentiment);
        similarity = List.copyOf(similarity);
    }

    /** The training and validation parts of a corpus. */
    public record Split(StudentCorpora train, StudentCorpora validation) {
    }

    /**
     * Carves a seeded 5% validation split by content: an example is held out when the hash of its text (and
     * the seed) says so, so a sentence that two tasks share (segmentation and NER both read MSRA) is held out
     * of both, and the body never trains on another task's copy of a validation text.
     */
    public Split split(long seed) {
        Predicate<String> heldOut = text -> Math.floorMod(mix(seed, text), VALIDATION_SHARE) == 0;
        Map<TaggingHead, List<TaggedSequence>> trainTags = new EnumMap<>(TaggingHead.class);
        Map<TaggingHead, List<TaggedSequence>> validationTags = new EnumMap<>(TaggingHead.class);
        tagging.forEach((head, sequences) -> {
            trainTags.put(head, part(sequences, StudentCorpora::key, heldOut.negate()));
            validationTags.put(head, part(sequences, StudentCorpora::key, heldOut));
        });
        Function<LabeledText, String> textKey = LabeledText::key;
        Function<Pair, String> pairKey = p -> p.first() + "\t" + p.second();
        return new Split(
                new StudentCorpora(trainTags, part(sentiment, textKey, heldOut.negate()), part(similarity, pairKey, heldOut.negate())),
                new StudentCorpora(validationTags, part(sentiment, textKey, heldOut), part(similarity, pairKey, heldOut)));
    }

    private static <T> List<T> part(List<T> examples, Function<T, String> key, Predicate<String> keep) {
        return examples.stream().filter(e -> keep.test(key.apply(e))).toList();
    }

    private static String key(TaggedSequence s) {
        return new String(s.codePoints(), 0, s.length());
    }

    /** A 64-bit FNV-1a hash of the text, started from the seed and finished with SplitMix64's mixer. */
    private static long mix(long seed, String text) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** The number of examples of each task, by task name (the tagging heads' prefixes, sentiment, similarity). */
    public Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (TaggingHead head : TaggingHead.values()) {
            sizes.put(head.prefix(), tagging.get(head).size());
        }
        sizes.put(StudentNetwork.SENTIMENT, sentiment.size());
        sizes.put(StudentNetwork.SIMILARITY, similarity.size());
        return sizes;
    }

    /** The shared vocabulary: characters seen at least {@code minCount} times in all tasks' texts together. */
    public CharVocabulary vocabulary(int minCount) {
        return vocabulary(minCount, List.of());
    }

    /**
     * The shared vocabulary of all tasks' texts and {@code moreTexts} (normalized code points, such as the texts a
     * student distils from), characters seen at least {@code minCount} times in them all.
     */
    public CharVocabulary vocabulary(int minCount, List<int[]> moreTexts) {
        Map<Integer, Integer> counts = new HashMap<>();
        moreTexts.forEach(codePoints -> {
            for (int cp : codePoints) {
                counts.merge(cp, 1, Integer::sum);
            }
        });
        tagging.values().forEach(sequences -> sequences.forEach(s -> {
            for (int cp : s.codePoints()) {
                counts.merge(cp, 1, Integer::sum);
            }
        }));
        List<String> texts = new ArrayList<>();
        sentiment.forEach(t -> texts.add(t.text()));
        similarity.forEach(p -> {
            texts.add(p.first());
            texts.add(p.second());
        });
        for (String text : texts) {
            for (int cp : NormalizedText.of(text).codePoints()) {
                counts.merge(cp, 1, Integer::sum);
            }
        }
        return CharVocabulary.ofCounts(counts, minCount);
    }
}
