package io.wenliu.models.train.student;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.similarity.SentencePairs;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.classifier.LabeledText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A handful of synthetic examples per student task, over a lexicon of eleven words: sentences with their
 * words, parts of speech and entities, sentiment texts that "好" makes positive and "差" negative, and
 * paraphrase pairs (the same sentence with or without a function word) beside unrelated pairs. Test fixture.
 */
final class TinyStudentCorpora {
    /** word, UPOS, entity type (or null). */
    private record Word(String text, String pos, String entity) {
    }

    private static final Map<String, Word> LEXICON = Map.ofEntries(
            entry("张三", "PROPN", "PER"), entry("北京", "PROPN", "LOC"), entry("喜欢", "VERB", null),
            entry("我们", "PRON", null), entry("天气", "NOUN", null), entry("很", "ADV", null), entry("好", "ADJ", null),
            entry("差", "ADJ", null), entry("去", "VERB", null), entry("了", "PART", null), entry("。", "PUNCT", null));

    private static final List<List<String>> SENTENCES = List.of(
            List.of("我们", "喜欢", "北京", "。"), List.of("张三", "去", "了", "北京", "。"),
            List.of("北京", "天气", "很", "好", "。"), List.of("北京", "天气", "很", "差", "。"),
            List.of("张三", "喜欢", "我们", "。"), List.of("我们", "去", "了", "。"),
            List.of("天气", "好", "。"), List.of("张三", "很", "差", "。"));

    private TinyStudentCorpora() {
    }

    private static Map.Entry<String, Word> entry(String text, String pos, String entity) {
        return Map.entry(text, new Word(text, pos, entity));
    }

    static StudentCorpora corpora() {
        Map<TaggingHead, List<TaggedSequence>> tagging = new EnumMap<>(TaggingHead.class);
        for (TaggingHead head : TaggingHead.values()) {
            tagging.put(head, SENTENCES.stream().map(words -> tagged(head, words)).toList());
        }
        List<LabeledText> sentiment = new ArrayList<>();
        for (String subject : List.of("天气", "北京", "我们", "张三")) {
            sentiment.add(new LabeledText("tiny", subject + "很好", 1));
            sentiment.add(new LabeledText("tiny", subject + "很差", 0));
        }
        List<Pair> pairs = List.of(
                new Pair("我们喜欢北京", "我们喜欢北京。", SentencePairs.SAME), new Pair("张三去了北京", "张三去北京", SentencePairs.SAME),
                new Pair("天气很好", "天气好", SentencePairs.SAME), new Pair("北京天气很差", "北京天气差", SentencePairs.SAME),
                new Pair("我们喜欢北京", "天气很差", 0f), new Pair("张三去了北京", "天气好", 0f),
                new Pair("天气很好", "张三喜欢我们", 0f), new Pair("北京天气很差", "我们去了", 0f));
        return new StudentCorpora(tagging, sentiment, pairs);
    }

    private static TaggedSequence tagged(TaggingHead head, List<String> words) {
        if (head == TaggingHead.SEGMENTATION) {
            return BmesEncoder.encode(words);
        }
        List<Integer> codePoints = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        for (String text : words) {
            Word word = LEXICON.get(text);
            int[] cps = text.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                codePoints.add(cps[i]);
                String type = head == TaggingHead.POS ? word.pos() : word.entity();
                tags.add(head.labels().id(type == null ? "O" : (i == 0 ? "B-" : "I-") + type));
            }
        }
        return new TaggedSequence(codePoints.stream().mapToInt(Integer::intValue).toArray(),
                tags.stream().mapToInt(Integer::intValue).toArray());
    }
}
