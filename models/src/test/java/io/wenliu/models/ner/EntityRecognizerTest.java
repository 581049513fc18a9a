package io.wenliu.models.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recognizer's span extraction, offsets, repair and confidence around a fake model whose tag
 * preferences per character are known; the real model is exercised by {@code EntityRecognizerIT}.
 */
class EntityRecognizerTest {
    private static final LabelSet BIO = new LabelSet(List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"));
    private static final int MAX_LENGTH = 8;
    private static final float PREFERRED = 5;
    /** Each character's preferred tag; every other character prefers O. */
    private static final Map<Integer, String> PREFERENCES = Map.of(
            (int) '张', "B-PER", (int) '三', "I-PER",
            (int) '北', "B-LOC", (int) '京', "I-LOC",
            (int) '华', "B-ORG", (int) '为', "I-ORG",
            (int) '沪', "I-LOC", // a stray I- tag: no B-LOC before it
            (int) '★', "B-ORG", // a symbol the model would call an entity
            (int) 'o', "B-PER", // a name starting inside a Latin word
            "😂".codePointAt(0), "I-PER"); // an emoji the model would put in a name
    /** With zero transitions, positions are independent: the preferred tag's probability. */
    private static final double P_PREFERRED = Math.exp(PREFERRED) / (Math.exp(PREFERRED) + BIO.size() - 1);
    private static final double P_OTHER = 1 / (Math.exp(PREFERRED) + BIO.size() - 1);

    @Test
    void shouldReportTypesOriginalSpellingAndUtf16OffsetsAcrossSurrogatePairs() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            String text = "😀张三在ＡＢ北京";

            List<NamedEntity> entities = recognizer.recognize(text);

            assertThat(entities).extracting(NamedEntity::type, NamedEntity::text, NamedEntity::start, NamedEntity::end)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PER", "张三", 2, 4),
                            org.assertj.core.groups.Tuple.tuple("LOC", "北京", 7, 9));
            for (NamedEntity e : entities) {
                assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
            }
        }
    }

    @Test
    void shouldGiveTheMarginalProbabilityOfExactlyThisSpanAsConfidence() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            List<NamedEntity> entities = recognizer.recognize("张三在北京");

            // independent positions: B, I, and the next position not I-PER
            assertThat(entities.get(0).confidence()).isCloseTo(P_PREFERRED * P_PREFERRED * (1 - P_OTHER), within(1e-6));
            // at the end of the text nothing can extend the span
            assertThat(entities.get(1).confidence()).isCloseTo(P_PREFERRED * P_PREFERRED, within(1e-6));
        }
    }

    @Test
    void shouldNeverDecodeAStrayInsideTagByDefault() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            Recognition recognition = recognizer.analyze(List.of("去沪北京")).get(0);

            // 沪 prefers I-LOC, which may not follow O; every legal tag scores alike, the lowest id (O) wins
            assertThat(recognition.tags()).containsExactly("O", "O", "B-LOC", "I-LOC");
            assertThat(recognition.entities()).extracting(NamedEntity::text).containsExactly("北京");
        }
    }

    @Test
    void shouldRepairAStrayInsideTagIntoABeginningWhenDecodingFreely() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            Recognition recognition = recognizer.analyze(List.of("去沪"), EntityRecognizer.Decoding.FREE).get(0);

            assertThat(recognition.tags()).containsExactly("O", "B-LOC");
            assertThat(recognition.entities()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("LOC");
                assertThat(e.text()).isEqualTo("沪");
                // the model preferred I-LOC there, so the span as B-LOC is improbable
                assertThat(e.confidence()).isCloseTo(P_OTHER, within(1e-6));
            });
        }
    }

    @Test
    void shouldNotReportSpansWithoutAnyLetter() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            Recognition recognition = recognizer.analyze(List.of("★去北京")).get(0);

            assertThat(recognition.tags()).containsExactly("O", "O", "B-LOC", "I-LOC");
            assertThat(recognition.entities()).extracting(NamedEntity::text).containsExactly("北京");
        }
    }

    @Test
    void shouldNeverStartAnEntityInsideALatinWord() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            Recognition recognition = recognizer.analyze(List.of("CEO张三")).get(0);

            assertThat(recognition.tags()).containsExactly("O", "O", "O", "B-PER", "I-PER");
            assertThat(recognition.entities()).extracting(NamedEntity::text).containsExactly("张三");
        }
    }

    @Test
    void shouldNeverPutAnEmojiUrlOrEmailInsideAnEntity() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            List<Recognition> recognitions = recognizer.analyze(List.of("张三😂😂", "张三a@b.cn", "北京www.o.cn"));

            assertThat(recognitions.get(0).tags()).containsExactly("B-PER", "I-PER", "O", "O");
            assertThat(recognitions.get(0).entities()).extracting(NamedEntity::text).containsExactly("张三");
            assertThat(recognitions.get(1).entities()).extracting(NamedEntity::text).containsExactly("张三");
            assertThat(recognitions.get(2).entities()).extracting(NamedEntity::text).containsExactly("北京");
        }
    }

    @Test
    void shouldShowTheModelAnEmojiAsAnExclamationMark() throws Exception {
        List<Integer> chars = "张三!".codePoints().boxed().toList();
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-ner", "ner", "0", MAX_LENGTH,
                CharVocabulary.of(chars), BIO);
        PreferenceScorer scorer = new PreferenceScorer(artifact.vocabulary());
        try (EntityRecognizer recognizer = EntityRecognizer.of(artifact, scorer)) {
            recognizer.recognize("张三👍🏽");

            int mark = artifact.vocabulary().id('!');
            assertThat(scorer.lastSequence).containsExactly(artifact.vocabulary().id('张'), artifact.vocabulary().id('三'),
                    mark, mark);
        }
    }

    @Test
    void shouldSplitAdjacentEntitiesOfDifferentTypes() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            assertThat(recognizer.recognize("华为北京")).extracting(NamedEntity::type, NamedEntity::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ORG", "华为"),
                            org.assertj.core.groups.Tuple.tuple("LOC", "北京"));
        }
    }

    @Test
    void shouldFindNothingInTextsWithoutChineseOrWithoutCharacters() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            List<Recognition> recognitions = recognizer.analyze(List.of("Hello, world! 42 😀🎉", "", " \u3000\n"));

            assertThat(recognitions.get(0).entities()).isEmpty();
            assertThat(recognitions.get(0).tags()).hasSize(16).containsOnly("O");
            assertThat(recognitions.get(1).tags()).isEmpty();
            assertThat(recognitions.get(2).entities()).isEmpty();
        }
    }

    @Test
    void shouldChunkVeryLongTextsAndKeepOffsetsInTheOriginal() throws Exception {
        try (EntityRecognizer recognizer = recognizer()) {
            String unit = "张三去北京。";
            String text = unit.repeat(5_000) + "没有标点的很长很长很长的句子张三".repeat(100);

            Recognition recognition = recognizer.analyze(List.of(text)).get(0);

            assertThat(recognition.tags()).hasSize(text.length());
            assertThat(recognition.entities()).hasSize(10_000 + 100);
            for (NamedEntity e : recognition.entities()) {
                assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
            }
        }
    }

    @Test
    void shouldKeepEntitiesInsideTheTextOnRandomMixedScripts() throws Exception {
        Random random = new Random(2026);
        String alphabet = "张三北京华为沪在。，Ａa😀𠀀 \u3000\tد\n";
        try (EntityRecognizer recognizer = recognizer()) {
            for (int trial = 0; trial < 300; trial++) {
                StringBuilder builder = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    builder.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                String text = builder.toString();

                Recognition recognition = recognizer.analyze(List.of(text)).get(0);

                assertThat(recognition.tags()).hasSize(NormalizedText.of(text).length());
                int at = 0;
                for (NamedEntity e : recognition.entities()) {
                    assertThat(e.start()).isGreaterThanOrEqualTo(at);
                    assertThat(e.text()).isEqualTo(text.substring(e.start(), e.end()));
                    assertThat(NormalizedText.isSpace(e.text().codePointAt(0))).isFalse();
                    assertThat(e.confidence()).isBetween(0.0, 1.0);
                    at = e.end();
                }
            }
        }
    }

    @Test
    void shouldDecodeScoresComputedElsewhereAsItRecognizesText() throws Exception {
        List<String> texts = List.of("张三在北京，华为去沪。张三😂在北京华为", "oooCEO张三", "");
        try (EntityRecognizer recognizer = recognizer()) {
            ModelArtifact artifact = recognizer.artifact();
            List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
            List<int[]> ids = new ArrayList<>();
            for (NormalizedText text : normalized) {
                int[] textIds = CharacterTagging.ids(text, artifact.vocabulary()::id);
                CharacterTagging.readEmojiAsExclamation(text, textIds, artifact.vocabulary()::id);
                ids.add(textIds);
            }

            for (EntityRecognizer.Decoding decoding : EntityRecognizer.Decoding.values()) {
                List<Recognition> decoded = new EntityDecoder(artifact).decode(
                        CharacterTagging.score(new PreferenceScorer(artifact.vocabulary()), normalized, ids), decoding);

                List<Recognition> analyzed = recognizer.analyze(texts, decoding);
                assertThat(decoded).as(decoding.name()).extracting(Recognition::tags, Recognition::entities)
                        .isEqualTo(analyzed.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.tags(), r.entities())).toList());
                assertThat(decoded.get(0).entities()).extracting(NamedEntity::text).contains("张三", "北京");
            }
        }
    }

    private static EntityRecognizer recognizer() {
        List<Integer> chars = "张三北京华为沪在去★o😂".codePoints().boxed().toList();
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-ner", "ner", "0", MAX_LENGTH,
                CharVocabulary.of(chars), BIO);
        return EntityRecognizer.of(artifact, new PreferenceScorer(artifact.vocabulary()));
    }

    /** Emits {@value #PREFERRED} for each character's preferred tag and 0 elsewhere; zero transitions. */
    private static final class PreferenceScorer implements SequenceScorer {
        private final int[] preferredTagOfId;
        int[] lastSequence;

        PreferenceScorer(CharVocabulary vocabulary) {
            preferredTagOfId = new int[vocabulary.size()];
            PREFERENCES.forEach((cp, tag) -> preferredTagOfId[vocabulary.id(cp)] = BIO.id(tag));
        }

        @Override
        public int maxLength() {
            return MAX_LENGTH;
        }

        @Override
        public List<SequenceScores> score(List<int[]> sequences) {
            int tags = BIO.size();
            List<SequenceScores> out = new ArrayList<>();
            for (int[] ids : sequences) {
                assertThat(ids.length).isBetween(1, MAX_LENGTH);
                lastSequence = ids;
                float[] emissions = new float[ids.length * tags];
                for (int t = 0; t < ids.length; t++) {
                    emissions[t * tags + preferredTagOfId[ids[t]]] = PREFERRED;
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
