package io.wenliu.models.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmenter's text handling (offsets, whitespace, chunking, dictionary constraints) around a fake
 * model whose preferences are known; the real model is exercised by {@code SegmenterIT}.
 */
class SegmenterTest {
    private static final LabelSet BMES = new LabelSet(List.of("B", "M", "E", "S"));
    private static final int MAX_LENGTH = 8;

    @Test
    void shouldReportOriginalSpellingAndUtf16Offsets() throws Exception {
        try (Segmenter segmenter = segmenter(Preference.SINGLE_CHARACTERS, null)) {
            List<Word> words = segmenter.segment("我😀ＡＢ");

            assertThat(words).containsExactly(new Word("我", 0, 1), new Word("😀", 1, 3), new Word("ＡＢ", 3, 5));
        }
    }

    @Test
    void shouldKeepEachLatinWordWholeAndApartFromChinese() throws Exception {
        try (Segmenter single = segmenter(Preference.SINGLE_CHARACTERS, null);
             Segmenter oneWord = segmenter(Preference.ONE_WORD, null)) {
            assertThat(texts(single.segment("这款fox游戏"))).containsExactly("这", "款", "fox", "游", "戏");
            assertThat(texts(oneWord.segment("这款fox游戏"))).containsExactly("这款", "fox", "游戏");
            assertThat(texts(oneWord.segment("The lazy dog."))).containsExactly("The", "lazy", "dog", ".");
        }
    }

    @Test
    void shouldKeepUrlsEmailsMentionsHashtagsAndEmojiWhole() throws Exception {
        try (Segmenter oneWord = segmenter(Preference.ONE_WORD, null)) {
            assertThat(texts(oneWord.segment("看www.a.cn"))).containsExactly("看", "www.a.cn");
            assertThat(texts(oneWord.segment("箱a@qq.cn"))).containsExactly("箱", "a@qq.cn");
            assertThat(texts(oneWord.segment("哈👨\u200D👩\u200D👧好"))).containsExactly("哈", "👨\u200D👩\u200D👧", "好");
            assertThat(texts(oneWord.segment("😂😂太好"))).containsExactly("😂", "😂", "太好");
            assertThat(texts(oneWord.segment("@小明 #话题#好"))).containsExactly("@小明", "#话题#", "好");
        }
    }

    @Test
    void shouldNeverCutANumberButLetTheModelGlueItsUnit() throws Exception {
        try (Segmenter single = segmenter(Preference.SINGLE_CHARACTERS, null);
             Segmenter oneWord = segmenter(Preference.ONE_WORD, null)) {
            assertThat(texts(single.segment("共8,999元"))).containsExactly("共", "8,999", "元");
            assertThat(texts(oneWord.segment("8,999元"))).containsExactly("8,999元"); // MSR: 2024年, 8999元
            assertThat(texts(oneWord.segment("售价8999元"))).containsExactly("售价", "8999元");
            assertThat(texts(oneWord.segment("1月1日"))).containsExactly("1月1日"); // MSR writes a date as one word
        }
    }

    @Test
    void shouldLetTheUserDictionaryGlueARunButNeverCutOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("user.dict");
        Files.writeString(file, "+卡拉ok\n+ox\n", StandardCharsets.UTF_8);
        try (Segmenter segmenter = segmenter(Preference.SINGLE_CHARACTERS, file)) {
            assertThat(texts(segmenter.segment("唱卡拉OK"))).containsExactly("唱", "卡拉OK");
            assertThat(texts(segmenter.segment("这fox"))).containsExactly("这", "fox");
        }
    }

    @Test
    void shouldNeverPutWhitespaceInOrAsAWord() throws Exception {
        try (Segmenter segmenter = segmenter(Preference.PAIRS, null)) {
            assertThat(texts(segmenter.segment("  ab cd\u3000ef\tg  "))).containsExactly("ab", "cd", "ef", "g");
            assertThat(texts(segmenter.segment("a b"))).containsExactly("a", "b"); // the pair is cut by the space
        }
    }

    @Test
    void shouldReturnNoWordsForBlankTexts() throws Exception {
        try (Segmenter segmenter = segmenter(Preference.PAIRS, null)) {
            assertThat(segmenter.segment(List.of("", " \u3000\n", "好"))).containsExactly(List.of(), List.of(),
                    List.of(new Word("好", 0, 1)));
        }
    }

    @Test
    void shouldCutLongTextsAtSentencePunctuationWithoutLosingCharacters() throws Exception {
        try (Segmenter segmenter = segmenter(Preference.PAIRS, null)) {
            // 12 characters, at most 8 per piece: "我们走吧。" then "你们来吗？好的"; pairs restart at a piece
            assertThat(texts(segmenter.segment("我们走吧。你们来吗？好的")))
                    .containsExactly("我们", "走吧", "。", "你们", "来吗", "？好", "的");
        }
    }

    @Test
    void shouldApplyTheUserDictionaryAndReloadIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("user.dict");
        Files.writeString(file, "+区块链\n-南京市|长江大桥\n", StandardCharsets.UTF_8);
        try (Segmenter segmenter = segmenter(Preference.SINGLE_CHARACTERS, file)) {
            assertThat(texts(segmenter.segment("看区块链")).toString()).isEqualTo("[看, 区块链]");
            assertThat(texts(segmenter.segment("南京市长江大桥"))).containsExactly("南京市", "长江大桥");

            Files.writeString(file, "+看区\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(file).toMillis() + 2000));
            assertThat(texts(segmenter.segment("看区块链"))).containsExactly("看区", "块", "链");
        }
    }

    @Test
    void shouldCoverEveryNonWhitespaceCharacterInOrderWithoutOverlap() throws Exception {
        Random random = new Random(2026);
        String alphabet = "中文分词。，！？ \u3000\tＡa😀𠀀\n”b1.:/@#%";
        try (Segmenter segmenter = segmenter(Preference.RANDOM, null)) {
            for (int trial = 0; trial < 300; trial++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(60); i > 0; i--) {
                    text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                String s = text.toString();

                List<Word> words = segmenter.segment(s);

                int at = 0;
                StringBuilder joined = new StringBuilder();
                for (Word w : words) {
                    assertThat(w.start()).isGreaterThanOrEqualTo(at);
                    assertThat(s.substring(at, w.start())).isBlank();
                    assertThat(w.text()).isEqualTo(s.substring(w.start(), w.end()));
                    assertThat(w.text().codePoints().noneMatch(NormalizedText::isSpace)).isTrue();
                    joined.append(w.text());
                    at = w.end();
                }
                assertThat(s.substring(at)).isBlank();
                assertThat(joined.toString()).isEqualTo(s.replaceAll("[\\s\u3000]", ""));
                for (NormalizedText.Run run : NormalizedText.of(s).runs()) {
                    if (run.to() - run.from() <= MAX_LENGTH) { // a longer run is cut into model-sized pieces
                        assertThat(words).as(s).anySatisfy(w -> {
                            assertThat(w.start()).isLessThanOrEqualTo(run.span().start());
                            assertThat(w.end()).isGreaterThanOrEqualTo(run.span().end());
                        });
                    }
                }
            }
        }
    }

    @Test
    void shouldDecodeScoresComputedElsewhereAsItSegmentsText() throws Exception {
        List<String> texts = List.of("我们走吧 你来吗ok好的", "中文分词。我们走吧，你来吗？好的😀", "");
        try (Segmenter segmenter = segmenter(Preference.PAIRS, null); FakeScorer elsewhere = new FakeScorer(Preference.PAIRS)) {
            List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
            List<int[]> ids = normalized.stream().map(t -> CharacterTagging.ids(t, segmenter.artifact().vocabulary()::id)).toList();

            List<List<Word>> decoded = new SegmentationDecoder(segmenter.artifact())
                    .decode(CharacterTagging.score(elsewhere, normalized, ids), UserDictionary.empty());

            assertThat(decoded).isEqualTo(segmenter.segment(texts)).allSatisfy(words -> assertThat(words).isNotNull());
            assertThat(decoded.get(0)).extracting(Word::text).contains("ok", "我们", "走吧");
        }
    }

    private static List<String> texts(List<Word> words) {
        return words.stream().map(Word::text).toList();
    }

    private enum Preference { SINGLE_CHARACTERS, PAIRS, ONE_WORD, RANDOM }

    private static Segmenter segmenter(Preference preference, Path dictionary) throws IOException {
        CharVocabulary vocabulary = CharVocabulary.of("中文分词我们走吧你来吗好的".codePoints().boxed().toList());
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-segmenter", "segmentation", "0", MAX_LENGTH,
                vocabulary, BMES);
        return new Segmenter(artifact, new FakeScorer(preference),
                dictionary == null ? null : new ReloadingUserDictionary(dictionary));
    }

    /** Scores that make every character a word, or pairs of characters words, or each piece one word, or anything. */
    private static final class FakeScorer implements SequenceScorer {
        private final Preference preference;
        private final Random random = new Random(3);

        FakeScorer(Preference preference) {
            this.preference = preference;
        }

        @Override
        public int maxLength() {
            return MAX_LENGTH;
        }

        @Override
        public synchronized List<SequenceScores> score(List<int[]> sequences) {
            List<SequenceScores> out = new ArrayList<>();
            for (int[] ids : sequences) {
                assertThat(ids.length).isBetween(1, MAX_LENGTH);
                float[] emissions = new float[ids.length * 4];
                for (int t = 0; t < ids.length; t++) {
                    int tag = switch (preference) {
                        case SINGLE_CHARACTERS -> 3;
                        case PAIRS -> t % 2 == 0 ? 0 : 2;
                        case ONE_WORD -> ids.length == 1 ? 3 : t == 0 ? 0 : t == ids.length - 1 ? 2 : 1;
                        case RANDOM -> random.nextInt(4);
                    };
                    emissions[t * 4 + tag] = 5;
                }
                out.add(new SequenceScores(emissions, 0, ids.length, new float[16]));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
