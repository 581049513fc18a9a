package io.wenliu.models.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import io.wenliu.models.ner.EntityDecoder;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.ner.Recognition;
import io.wenliu.models.pos.PosDecoder;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.SegmentationDecoder;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.UserDictionary;
import io.wenliu.models.segment.Word;
import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.student.SentimentNgrams;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.student.StudentSignature;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.student.TinyStudent;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student served through DJL: every head's output for each text, equal to what the TF-Java graph computes,
 * from one predictor call per padded length; long texts cut, every character scored once, the pieces' logits
 * and embeddings combined by length.
 */
class StudentModelTest {
    private static final Offset<Float> CLOSE = Offset.offset(1e-4f);

    @TempDir
    static Path dir;
    private static TinyStudent graph;
    private static StudentArtifact artifact;
    private static ZooModel<TokenBatch, StudentModel.BatchOutput> djl;

    @BeforeAll
    static void exportTinyStudent() throws Exception {
        graph = new TinyStudent();
        Path exported = graph.export(dir.resolve("student/1"), Map.of("version", "1", "similarityThreshold", 0.8));
        artifact = StudentArtifact.load(exported);
        djl = StudentModel.criteria(artifact, artifact.savedModel(), "cpu").loadModel();
    }

    @AfterAll
    static void closeTinyStudent() {
        djl.close();
        graph.close();
    }

    @Test
    void shouldReadTheManifestAndDescribeEachHeadAsATagger() {
        assertThat(artifact.maxLength()).isEqualTo(16);
        assertThat(artifact.version()).isEqualTo("1");
        assertThat(artifact.threshold()).isEqualTo(0.8f);
        assertThat(artifact.documentMinScore()).as("no measured minimum: the same-meaning threshold").isEqualTo(0.8f);
        assertThat(artifact.ner().labels().labels()).isEqualTo(TaggingHead.NER.labels().labels());
        assertThat(artifact.pos().task()).isEqualTo("pos");
        assertThat(artifact.segmentation().name()).isEqualTo(artifact.name());
    }

    @Test
    void shouldEqualTheGraphForEveryHeadFromOneCallPerPaddedLength() throws Exception {
        List<String> texts = List.of("我们喜欢北京。", "北京天气很好，我们喜欢北京。", "张三去了北京");
        AtomicInteger calls = new AtomicInteger();
        List<StudentOutput> outputs;
        try (Predictor<TokenBatch, StudentModel.BatchOutput> predictor = djl.newPredictor();
             StudentModel model = StudentModel.of(artifact, batch -> {
                 calls.incrementAndGet();
                 return predictor.predict(batch);
             }, 32)) {
            outputs = model.run(texts);
        }

        assertThat(calls).as("lengths 7 and 6 share the 8 bucket, 14 takes the 16 one").hasValue(2);
        for (int k = 0; k < texts.size(); k++) {
            StudentOutput output = outputs.get(k);
            int[] ids = ids(texts.get(k));
            Map<String, float[]> expected = graph.run(new int[][] {Arrays.copyOf(ids, ids.length <= 8 ? 8 : 16)});
            assertThat(output.pieces()).isEqualTo(1);
            assertScores(output.segmentation(), expected, TaggingHead.SEGMENTATION, ids.length);
            assertScores(output.pos(), expected, TaggingHead.POS, ids.length);
            assertScores(output.ner(), expected, TaggingHead.NER, ids.length);
            assertThat(output.sentimentLogit()).isCloseTo(expected.get(StudentSignature.OUTPUT_SENTIMENT_LOGIT)[0], CLOSE);
            assertThat(output.embedding()).containsExactly(expected.get(StudentSignature.OUTPUT_EMBEDDING), CLOSE);
        }
    }

    @Test
    void shouldCutALongTextAndScoreEveryCharacterOnce() throws Exception {
        String text = "我们喜欢北京。张三去了北京，北京天气很好。天气很差。我们去了北京。";
        StudentOutput output;
        try (StudentModel model = StudentModel.open(artifact.directory(), new ModelSettings(dir, "cpu", null, 4))) {
            output = model.run(List.of(text)).get(0);
        }

        NormalizedText normalized = NormalizedText.of(text);
        for (ScoredText scored : List.of(output.segmentation(), output.pos(), output.ner())) {
            int next = 0;
            for (ScoredText.Piece piece : scored.pieces()) {
                assertThat(piece.from()).as("pieces follow each other").isEqualTo(next);
                assertThat(piece.scores().length()).isBetween(1, artifact.maxLength());
                next = piece.to();
            }
            assertThat(next).as("the pieces cover the text").isEqualTo(normalized.length());
        }
        int[] ids = ids(text);
        double logit = 0;
        float[] embedding = new float[artifact.dimension()];
        for (ScoredText.Piece piece : output.ner().pieces()) {
            int length = piece.scores().length();
            Map<String, float[]> expected = graph.run(new int[][] {
                    Arrays.copyOf(Arrays.copyOfRange(ids, piece.from(), piece.to()), length <= 8 ? 8 : 16)});
            assertScores(new ScoredText(normalized, List.of(piece)), expected, TaggingHead.NER, length);
            logit += length * expected.get(StudentSignature.OUTPUT_SENTIMENT_LOGIT)[0];
            float[] vector = expected.get(StudentSignature.OUTPUT_EMBEDDING);
            for (int d = 0; d < embedding.length; d++) {
                embedding[d] += length * vector[d];
            }
        }
        assertThat(output.pieces()).isEqualTo(output.ner().pieces().size()).isGreaterThan(2);
        assertThat(output.sentimentLogit()).isCloseTo((float) (logit / normalized.length()), CLOSE);
        assertThat(output.embedding()).containsExactly(UnitVectors.normalize(embedding), CLOSE);
        assertThat(UnitVectors.dot(output.embedding(), output.embedding())).isCloseTo(1f, CLOSE);
    }

    @Test
    void shouldShowEveryHeadAnExclamationMarkForAnEmojiAndUnknownCharactersAsUnknown() throws Exception {
        CharVocabulary vocabulary = CharVocabulary.of(List.of((int) '张', (int) '!'));
        List<int[]> inputs = new ArrayList<>();
        try (StudentModel model = StudentModel.of(fixedArtifact(vocabulary), batch -> {
            inputs.add(batch.ids());
            return fixedOutput(batch);
        }, 8)) {
            model.run(List.of("张😂龘"));
        }

        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0)).startsWith(vocabulary.id('张'), vocabulary.id('!'), CharVocabulary.UNKNOWN_ID, 0);
    }

    @Test
    void shouldGiveATextWithoutCharactersNoPiecesAndNoEmbeddingWithoutACall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (StudentModel model = StudentModel.of(fixedArtifact(CharVocabulary.of(List.of())), batch -> {
            calls.incrementAndGet();
            return fixedOutput(batch);
        }, 8)) {
            StudentOutput output = model.run(List.of(" \u3000")).get(0);

            assertThat(output.pieces()).isZero();
            assertThat(output.embedding()).isNull();
            assertThat(output.sentimentLogit()).isZero();
            assertThat(output.ner().pieces()).isEmpty();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void shouldAverageTheNetworksSentimentWithTheWholeTextsNgrams() throws Exception {
        float[] weights = new float[16];
        Arrays.fill(weights, 0.25f); // every n-gram of a text adds a quarter
        SentimentNgrams ngrams = new SentimentNgrams(2, -1f, weights);
        try (StudentModel model = StudentModel.of(fixedArtifact(CharVocabulary.of(List.of())), batch -> {
            StudentModel.BatchOutput out = fixedOutput(batch);
            Arrays.fill(out.sentimentLogits(), 3f);
            return out;
        }, ngrams, 8)) {
            List<StudentOutput> outputs = model.run(List.of("好", "很 好", " "));

            int[] twoCharacters = NormalizedText.of("很 好").codePoints();
            assertThat(outputs.get(0).sentimentLogit()).isEqualTo(SentimentNgrams.combine(3f, ngrams.logit(new int[] {'好'})));
            assertThat(outputs.get(1).sentimentLogit()).isEqualTo(SentimentNgrams.combine(3f, ngrams.logit(twoCharacters)));
            assertThat(ngrams.logit(twoCharacters)).as("很, 好 and 很好").isEqualTo(-1f + 3 * 0.25f);
            assertThat(outputs.get(2).sentimentLogit()).as("no text, no logit").isZero();
        }
    }

    @Test
    void shouldServeEachHeadToTheTextInModelsAsTheStreamReadsIt() throws Exception {
        List<String> texts = List.of("我们喜欢北京。", "张三去了北京", "北京天气很好，我们喜欢北京。");
        ModelSettings settings = new ModelSettings(dir, "cpu", null, 4); // dir holds student/1 only
        List<StudentOutput> outputs;
        try (StudentModel model = StudentModel.open(artifact.directory(), settings)) {
            outputs = model.run(texts);
        }
        List<List<Word>> words = new SegmentationDecoder(artifact.segmentation())
                .decode(outputs.stream().map(StudentOutput::segmentation).toList(), UserDictionary.empty());
        List<List<String>> tags = new PosDecoder(artifact.pos()).tag(outputs.stream().map(StudentOutput::pos).toList(),
                words, PosTagger.Decoding.CONSTRAINED);
        List<Recognition> entities = new EntityDecoder(artifact.ner())
                .decode(outputs.stream().map(StudentOutput::ner).toList(), EntityRecognizer.DEFAULT_DECODING);

        try (Segmenter segmenter = Segmenter.open(settings); PosTagger pos = PosTagger.open(settings);
             EntityRecognizer ner = EntityRecognizer.open(settings); SentimentModel sentiment = SentimentModel.open(settings)) {
            assertThat(List.of(segmenter.artifact(), pos.artifact(), ner.artifact(), sentiment.artifact()))
                    .extracting(ModelArtifact::name).containsOnly(artifact.name());
            assertThat(sentiment.classify(texts)).isEqualTo(outputs.stream()
                    .map(o -> SentimentPrediction.ofLogit(o.sentimentLogit(), o.pieces())).toList());
            assertThat(segmenter.segment(texts)).isEqualTo(words);
            assertThat(pos.tag(texts, words)).isEqualTo(tags);
            assertThat(ner.analyze(texts)).extracting(Recognition::tags, Recognition::entities).isEqualTo(entities.stream()
                    .map(r -> tuple(r.tags(), r.entities())).toList());
        }
        try (SentenceEncoder similarity = SentenceEncoder.open(artifact.directory(), "cpu", 4)) {
            assertThat(similarity.artifact().name()).isEqualTo(artifact.name());
            assertThat(similarity.threshold()).isEqualTo(artifact.threshold());
            List<float[]> embeddings = outputs.stream().map(StudentOutput::embedding).toList();
            assertThat(similarity.encodeDocuments(texts)).zipSatisfy(embeddings, (a, b) -> assertThat(a).containsExactly(b));
            assertThat(similarity.encode(texts)).zipSatisfy(embeddings, (a, b) -> assertThat(a).containsExactly(b));
        }
    }

    @Test
    void shouldSayTheModelIsClosedWhenCalledAfterClose() {
        StudentModel model = StudentModel.open(artifact.directory(), new ModelSettings(dir, "cpu", null, 4));
        model.close();

        assertThatThrownBy(() -> model.run(List.of("北京"))).isInstanceOf(ModelClosedException.class);
    }

    private static int[] ids(String text) {
        return CharacterTagging.ids(NormalizedText.of(text), artifact.vocabulary()::id);
    }

    private static void assertScores(ScoredText scored, Map<String, float[]> expected, TaggingHead head, int length) {
        assertThat(scored.pieces()).hasSize(1);
        SequenceScores scores = scored.pieces().get(0).scores();
        float[] transitions = expected.get(head.transitionsOutput());
        int tags = (int) Math.sqrt(transitions.length);
        assertThat(scores.length()).isEqualTo(length);
        assertThat(Arrays.copyOfRange(scores.emissions(), scores.offset(), scores.offset() + length * tags)).as(head.prefix())
                .containsExactly(Arrays.copyOf(expected.get(head.emissionsOutput()), length * tags), CLOSE);
        assertThat(scores.transitions()).containsExactly(transitions, CLOSE);
    }

    private static StudentArtifact fixedArtifact(CharVocabulary vocabulary) {
        LabelSet one = new LabelSet(List.of("O"));
        return new StudentArtifact(Path.of("fixed"), "fixed", "1", 8, vocabulary, one, one, one, 2, 0.8f, 0.8f, null);
    }

    private static StudentModel.BatchOutput fixedOutput(TokenBatch batch) {
        EmissionScores scores = new EmissionScores(new float[batch.size() * batch.width()], new float[1], batch.size(),
                batch.width(), 1);
        float[] embeddings = new float[batch.size() * 2];
        Arrays.fill(embeddings, 0.5f);
        return new StudentModel.BatchOutput(scores, scores, scores, new float[batch.size()], embeddings);
    }
}
