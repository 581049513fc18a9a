package io.wenliu.models.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.pos.PosTagger.Decoding;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.segment.Word;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import io.wenliu.models.vocab.WordPositions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How the tagger fits tags to the given words (constrained decoding, majority rule, chunking) around a
 * fake model whose tag preferences per character are known; the real model is exercised by {@code PosTaggerIT}.
 */
class PosTaggerTest {
    private static final LabelSet TAGS = new LabelSet(List.of("B-NOUN", "I-NOUN", "B-VERB", "I-VERB", "B-PUNCT", "I-PUNCT",
            "B-NUM", "I-NUM", "B-SYM", "I-SYM", "B-X", "I-X", "B-PROPN", "I-PROPN"));
    private static final int MAX_LENGTH = 8;
    /** Each character's preferred tag and how strongly; every other character prefers B-NOUN weakly. */
    private static final Map<Integer, Object[]> PREFERENCES = Map.of(
            (int) '我', new Object[] {"B-NOUN", 5f}, (int) '们', new Object[] {"I-NOUN", 5f},
            (int) '喜', new Object[] {"B-VERB", 5f}, (int) '欢', new Object[] {"I-VERB", 5f},
            (int) '图', new Object[] {"B-NOUN", 9f}, (int) '书', new Object[] {"I-VERB", 2f},
            (int) '馆', new Object[] {"I-VERB", 2f}, (int) '。', new Object[] {"B-PUNCT", 5f});

    @Test
    void shouldGiveEachGivenWordOneTagEvenWhereTheModelWouldSegmentOtherwise() throws Exception {
        try (PosTagger tagger = tagger()) {
            // the model would make 我们 one word; the segmenter says 我 | 们喜欢
            List<List<String>> tags = tagger.tag(List.of("我们喜欢。"),
                    List.of(List.of(word("我们喜欢。", 0, 1), word("我们喜欢。", 1, 4), word("我们喜欢。", 4, 5))));

            assertThat(tags).containsExactly(List.of("NOUN", "VERB", "PUNCT"));
        }
    }

    @Test
    void shouldFindTheBestPathForTheWordsWhereTheMajorityVoteDiffers() throws Exception {
        try (PosTagger tagger = tagger()) {
            List<List<Word>> words = List.of(List.of(word("图书馆", 0, 3)));

            // B-NOUN I-NOUN I-NOUN scores 9; B-VERB I-VERB I-VERB scores 4; the characters vote VERB 2:1
            assertThat(tagger.tag(List.of("图书馆"), words, Decoding.CONSTRAINED)).containsExactly(List.of("NOUN"));
            assertThat(tagger.tag(List.of("图书馆"), words, Decoding.MAJORITY)).containsExactly(List.of("VERB"));
        }
    }

    @Test
    void shouldBreakMajorityTiesTowardsTheEarliestType() throws Exception {
        try (PosTagger tagger = tagger()) {
            assertThat(tagger.tag(List.of("我欢"), List.of(List.of(word("我欢", 0, 2))), Decoding.MAJORITY))
                    .containsExactly(List.of("NOUN"));
        }
    }

    @Test
    void shouldTagWordsAcrossSurrogatePairsWhitespaceAndTextsWithoutChinese() throws Exception {
        try (PosTagger tagger = tagger()) {
            String text = "😀 我们 hello";
            List<List<String>> tags = tagger.tag(List.of(text, "", "Hello!"), List.of(
                    List.of(word(text, 0, 2), word(text, 3, 5), word(text, 6, 11)),
                    List.of(),
                    List.of(word("Hello!", 0, 5), word("Hello!", 5, 6))));

            assertThat(tags).containsExactly(List.of("SYM", "NOUN", "NOUN"), List.of(), List.of("NOUN", "NOUN"));
        }
    }

    @Test
    void shouldTagRunsByTheirKindAndLeaveLatinWordsAndGluedUnitsToTheModel() throws Exception {
        try (PosTagger tagger = tagger()) {
            String text = "我们😂 8,999 https://a.cn @小明 #书# a@b.cn fox 2024年";
            List<Word> words = new ArrayList<>();
            for (String w : List.of("我们", "😂", "8,999", "https://a.cn", "@小明", "#书#", "a@b.cn", "fox", "2024年")) {
                int at = text.indexOf(w);
                words.add(word(text, at, at + w.length()));
            }

            assertThat(tagger.tag(List.of(text), List.of(words)).get(0))
                    .containsExactly("NOUN", "SYM", "NUM", "X", "PROPN", "X", "X", "NOUN", "NOUN");
        }
    }

    @Test
    void shouldKeepRunsWholeWhenFindingItsOwnWords() throws Exception {
        try (PosTagger tagger = tagger()) {
            List<TaggedWord> words = tagger.tagWords(List.of("我们😂fox")).get(0);

            assertThat(words).containsExactly(new TaggedWord("我们", 0, 2, "NOUN"), new TaggedWord("😂", 2, 4, "SYM"),
                    new TaggedWord("fox", 4, 7, "NOUN"));
        }
    }

    @Test
    void shouldTagWordsThatStraddlePiecesOfAVeryLongText() throws Exception {
        try (PosTagger tagger = tagger()) {
            String text = "我们喜欢图书馆".repeat(3_000);
            List<Word> words = new ArrayList<>();
            for (int at = 0; at < text.length(); at += 3) { // words of three characters, across every cut at 8
                words.add(word(text, at, Math.min(text.length(), at + 3)));
            }

            List<String> tags = tagger.tag(List.of(text), List.of(words)).get(0);

            assertThat(tags).hasSize(words.size()).doesNotContainNull();
        }
    }

    @Test
    void shouldFindItsOwnWordsWhenNoSegmenterIsDeployed() throws Exception {
        try (PosTagger tagger = tagger()) {
            List<TaggedWord> words = tagger.tagWords(List.of("我们喜欢 我们。")).get(0);

            assertThat(words).containsExactly(new TaggedWord("我们", 0, 2, "NOUN"), new TaggedWord("喜欢", 2, 4, "VERB"),
                    new TaggedWord("我们", 5, 7, "NOUN"), new TaggedWord("。", 7, 8, "PUNCT"));
        }
    }

    @Test
    void shouldTagEveryWordOfRandomTextsAndSegmentations() throws Exception {
        Random random = new Random(2026);
        String alphabet = "我们喜欢图书馆。Ａa😀 \u3000";
        try (PosTagger tagger = tagger()) {
            for (int trial = 0; trial < 200; trial++) {
                StringBuilder builder = new StringBuilder();
                for (int i = random.nextInt(30); i > 0; i--) {
                    builder.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                String text = builder.toString();
                List<Word> words = randomWords(text, random);

                List<String> tags = tagger.tag(List.of(text), List.of(words)).get(0);
                List<TaggedWord> own = tagger.tagWords(List.of(text)).get(0);

                assertThat(tags).hasSize(words.size()).isSubsetOf(tagger.tagSet());
                assertThat(String.join("", own.stream().map(TaggedWord::text).toList()))
                        .isEqualTo(text.replaceAll("[\\s\u3000]", ""));
            }
        }
    }

    @Test
    void shouldReadTheIdeographicFullStopAsThePeriodWhenTheModelOnlyKnowsThePeriod() {
        CharVocabulary withPeriod = CharVocabulary.of(List.of((int) '.', (int) '我'));
        CharVocabulary withBoth = CharVocabulary.of(List.of((int) '.', (int) '。'));

        assertThat(PosTagger.id(withPeriod, '。')).isEqualTo(withPeriod.id('.'));
        assertThat(PosTagger.id(withBoth, '。')).isEqualTo(withBoth.id('。'));
        assertThat(PosTagger.id(withPeriod, '你')).isEqualTo(CharVocabulary.UNKNOWN_ID);
    }

    @Test
    void shouldGiveAModelThatTakesWordPositionsThePositionsOfTheGivenWordsOnly() throws Exception {
        CharVocabulary vocabulary = CharVocabulary.of("我们喜欢图书馆。".codePoints().boxed().toList());
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-pos", "pos", "0", MAX_LENGTH, vocabulary, TAGS, true);
        PreferenceScorer scorer = new PreferenceScorer(vocabulary);
        String text = "我们喜欢图书馆。";
        int v = vocabulary.size();
        try (PosTagger tagger = PosTagger.of(artifact, scorer)) {
            List<String> tags = tagger.tag(List.of(text), List.of(List.of(word(text, 0, 2), word(text, 2, 3),
                    word(text, 3, 7), word(text, 7, 8)))).get(0);

            assertThat(tags).containsExactly("NOUN", "VERB", "VERB", "PUNCT");
            assertThat(scorer.lastIds).containsExactly(
                    vocabulary.id('我') + v * WordPositions.BEGIN, vocabulary.id('们') + v * WordPositions.END,
                    vocabulary.id('喜') + v * WordPositions.SINGLE, vocabulary.id('欢') + v * WordPositions.BEGIN,
                    vocabulary.id('图') + v * WordPositions.MIDDLE, vocabulary.id('书') + v * WordPositions.MIDDLE,
                    vocabulary.id('馆') + v * WordPositions.END, vocabulary.id('。') + v * WordPositions.SINGLE);

            tagger.tagWords(List.of(text));
            assertThat(scorer.lastIds).as("no words given, no positions").containsExactly(
                    text.codePoints().map(vocabulary::id).toArray());
        }
    }

    @Test
    void shouldDecodeScoresComputedElsewhereAsItTagsText() throws Exception {
        List<String> texts = List.of("我们喜欢图书馆。我们 喜欢42😂", "图书馆https://a.cn我们");
        Random random = new Random(5);
        List<List<Word>> words = texts.stream().map(text -> randomWords(text, random)).toList();
        try (PosTagger tagger = tagger()) {
            ModelArtifact artifact = tagger.artifact();
            List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
            List<int[]> ids = normalized.stream().map(t -> CharacterTagging.ids(t, artifact.vocabulary()::id)).toList();
            PosDecoder decoder = new PosDecoder(artifact);

            for (PosTagger.Decoding decoding : PosTagger.Decoding.values()) {
                assertThat(decoder.tag(CharacterTagging.score(new PreferenceScorer(artifact.vocabulary()), normalized, ids),
                        words, decoding)).as(decoding.name()).isEqualTo(tagger.tag(texts, words, decoding));
            }
            assertThat(decoder.tagWords(CharacterTagging.score(new PreferenceScorer(artifact.vocabulary()), normalized, ids)))
                    .isEqualTo(tagger.tagWords(texts));
        }
    }

    @Test
    void shouldRefuseScoresComputedElsewhereForAModelThatReadsWordPositions() {
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-pos", "pos", "0", MAX_LENGTH,
                CharVocabulary.of(List.of((int) '我')), TAGS, true);

        assertThatThrownBy(() -> new PosDecoder(artifact).tag(List.of(), List.of(), PosTagger.Decoding.CONSTRAINED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("word positions");
    }

    /** Random non-whitespace runs of the text, as a segmenter would give. */
    private static List<Word> randomWords(String text, Random random) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.codePointAt(i)) || Character.isSpaceChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
                continue;
            }
            int end = i;
            for (int n = 1 + random.nextInt(3); n > 0 && end < text.length(); n--) {
                int cp = text.codePointAt(end);
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                    break;
                }
                end += Character.charCount(cp);
            }
            words.add(word(text, i, end));
            i = end;
        }
        return words;
    }

    private static Word word(String text, int start, int end) {
        return new Word(text.substring(start, end), start, end);
    }

    private static PosTagger tagger() {
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-pos", "pos", "0", MAX_LENGTH,
                CharVocabulary.of("我们喜欢图书馆。".codePoints().boxed().toList()), TAGS);
        return PosTagger.of(artifact, new PreferenceScorer(artifact.vocabulary()));
    }

    /** Emits each character's preferred tag's weight and 0 elsewhere; zero transitions. */
    private static final class PreferenceScorer implements SequenceScorer {
        private final int[] tagOfId;
        private final float[] weightOfId;
        /** The ids of the last sequence scored. */
        int[] lastIds;

        PreferenceScorer(CharVocabulary vocabulary) {
            tagOfId = new int[vocabulary.size()];
            weightOfId = new float[vocabulary.size()];
            java.util.Arrays.fill(weightOfId, 1f);
            PREFERENCES.forEach((cp, preference) -> {
                tagOfId[vocabulary.id(cp)] = TAGS.id((String) preference[0]);
                weightOfId[vocabulary.id(cp)] = (Float) preference[1];
            });
        }

        @Override
        public int maxLength() {
            return MAX_LENGTH;
        }

        @Override
        public List<SequenceScores> score(List<int[]> sequences) {
            int tags = TAGS.size();
            List<SequenceScores> out = new ArrayList<>();
            for (int[] ids : sequences) {
                assertThat(ids.length).isBetween(1, MAX_LENGTH);
                lastIds = ids;
                float[] emissions = new float[ids.length * tags];
                for (int t = 0; t < ids.length; t++) {
                    int id = ids[t] % tagOfId.length; // without the word position a model may be given
                    emissions[t * tags + tagOfId[id]] = weightOfId[id];
                }
                out.add(new SequenceScores(emissions, 0, ids.length, new float[tags * tags]));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
