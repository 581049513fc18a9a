package io.wenliu.models.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.wenliu.models.segment.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordDiscovererTest {
    /** Words a news-trained segmenter knows. */
    private static final List<String> KNOWN = List.of("我们", "今天", "看见", "城里", "朋友", "山上", "发现", "美丽",
            "老师", "学生", "河边", "商店", "昨天", "喜欢", "告诉", "大家", "孩子", "吃饭", "走路", "回家");
    /** Grammatical words between them. */
    private static final List<String> FUNCTION = List.of("的", "了", "在", "是", "和", "也", "就");
    /** Names it has never seen: it keeps them whole now and then, but mostly cuts them, not always alike. */
    private static final List<String> NEW = List.of("钛晶石", "霜月", "墨渊阁");

    private final WordDiscoverer discoverer = new WordDiscoverer(DiscoverySettings.defaults());

    @Test
    void shouldRankInventedWordsAmongTheBestCandidatesOfRawText() {
        List<DiscoveryText> texts = corpus(400).stream().map(s -> DiscoveryText.unsegmented(String.join("", s))).toList();

        List<String> words = discoverer.discover(texts).stream().map(WordCandidate::word).toList();

        assertThat(words.subList(0, 25)).containsAll(NEW);
        assertThat(words).noneMatch(w -> w.startsWith("的") || w.endsWith("了") || w.endsWith("的"));
    }

    @Test
    void shouldReportOnlyTheWordsTheSegmenterCuts() {
        List<DiscoveryText> texts = segmentedCorpus(400);

        List<String> words = discoverer.discover(texts).stream().map(WordCandidate::word).toList();

        assertThat(words).containsAll(NEW);
        assertThat(words).doesNotContainAnyElementsOf(KNOWN); // already kept whole: not news
    }

    @Test
    void shouldNotReportACompoundOfTwoWordsTheSegmenterKnows() {
        List<List<String>> sentences = corpus(400);
        for (int i = 0; i < sentences.size(); i += 4) {
            sentences.get(i).addAll(List.of("城里", "朋友")); // a frequent, cohesive pair of known words
        }
        List<DiscoveryText> texts = segmented(sentences, new Random(7));
        List<DiscoveryText> raw = texts.stream().map(t -> DiscoveryText.unsegmented(t.text())).toList();

        List<String> words = discoverer.discover(texts).stream().map(WordCandidate::word).toList();

        assertThat(discoverer.discover(raw)).extracting(WordCandidate::word).contains("城里朋友"); // cohesive and free
        assertThat(words).doesNotContain("城里朋友").containsAll(NEW);
    }

    @Test
    void shouldScoreCountTimesCohesion() {
        List<WordCandidate> candidates = discoverer.discover(segmentedCorpus(400));

        assertThat(candidates).isNotEmpty().allSatisfy(c -> {
            assertThat(c.score()).isCloseTo(c.count() * c.cohesion(), offset(1e-9));
            assertThat(Math.min(c.leftEntropy(), c.rightEntropy())).isGreaterThanOrEqualTo(1.0);
        });
        assertThat(candidates).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void shouldFindNothingInBlankOrNonChineseText() {
        assertThat(discoverer.discover(List.of(DiscoveryText.unsegmented(""),
                DiscoveryText.unsegmented("hello world hello world hello world 123 123 123")))).isEmpty();
    }

    @Test
    void shouldHandleCharactersOutsideTheBasicPlane() {
        String rare = "𠀀𠀁"; // CJK Extension B: two UTF-16 units each
        List<DiscoveryText> texts = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            texts.add(DiscoveryText.unsegmented(KNOWN.get(random.nextInt(KNOWN.size())) + rare
                    + KNOWN.get(random.nextInt(KNOWN.size())) + "。"));
        }
        assertThat(discoverer.discover(texts)).extracting(WordCandidate::word).contains(rare);
    }

    private static List<DiscoveryText> segmentedCorpus(int sentences) {
        return segmented(corpus(sentences), new Random(11));
    }

    /** Sentences of known and function words, about one in two with a new word; some end in punctuation. */
    private static List<List<String>> corpus(int sentences) {
        Random random = new Random(42);
        List<List<String>> out = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            List<String> words = new ArrayList<>();
            int length = 4 + random.nextInt(6);
            for (int w = 0; w < length; w++) {
                double roll = random.nextDouble();
                words.add(roll < 0.12 ? NEW.get(random.nextInt(NEW.size()))
                        : roll < 0.35 ? FUNCTION.get(random.nextInt(FUNCTION.size()))
                        : KNOWN.get(random.nextInt(KNOWN.size())));
            }
            if (random.nextBoolean()) {
                words.add("，");
            }
            out.add(words);
        }
        return out;
    }

    /** The sentences with a segmenter's words: known words whole, new words whole a quarter of the time, else cut at a random place. */
    private static List<DiscoveryText> segmented(List<List<String>> sentences, Random random) {
        List<DiscoveryText> texts = new ArrayList<>();
        for (List<String> sentence : sentences) {
            StringBuilder text = new StringBuilder();
            List<Word> words = new ArrayList<>();
            for (String w : sentence) {
                int start = text.length();
                text.append(w);
                if (NEW.contains(w) && random.nextDouble() >= 0.25) {
                    int cut = 1 + random.nextInt(w.length() - 1);
                    words.add(new Word(w.substring(0, cut), start, start + cut));
                    words.add(new Word(w.substring(cut), start + cut, start + w.length()));
                } else {
                    words.add(new Word(w, start, start + w.length()));
                }
            }
            texts.add(new DiscoveryText(text.toString(), words));
        }
        return texts;
    }
}
