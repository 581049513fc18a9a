package io.wenliu.topology.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.djl.engine.EngineException;
import ai.djl.translate.TranslateException;
import io.wenliu.models.inference.EmissionScores;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.inference.StudentModel;
import io.wenliu.models.inference.TokenBatch;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.UserDictionary;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.Topics;
import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.DictionaryAction;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DictionarySource;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Entity;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.SentimentLabel;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.StageUnavailableException;
import io.wenliu.topology.similar.SimilaritySettings;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.TestPipeline;
import io.wenliu.topology.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student deployment in the production topology: the one model stage fills every field the five single-task
 * stages fill, names five heads, runs the network once per batch, and dead-letters only the document whose scores
 * cannot be decoded. The network is a fixed table over the real {@link StudentModel} and decoders.
 */
class StudentStageTest {
    private static final LabelSet BMES = new LabelSet(List.of("B", "M", "E", "S"));
    private static final LabelSet POS = new LabelSet(List.of("B-NOUN", "I-NOUN", "B-VERB", "I-VERB", "B-PUNCT", "I-PUNCT"));
    private static final LabelSet BIO = new LabelSet(List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"));
    /** Per character: its segmentation, POS and NER tags; every other character is a single noun outside entities. */
    private static final Map<Character, String[]> TABLE = Map.of(
            '张', new String[] {"B", "B-NOUN", "B-PER"}, '三', new String[] {"E", "I-NOUN", "I-PER"},
            '北', new String[] {"B", "B-NOUN", "B-LOC"}, '京', new String[] {"E", "I-NOUN", "I-LOC"},
            '在', new String[] {"S", "B-VERB", "O"}, '。', new String[] {"S", "B-PUNCT", "O"},
            '好', new String[] {"S", "B-NOUN", "O"},
            '毒', new String[] {null, "B-NOUN", "O"}); // no segmentation tag scores above minus infinity
    private static final CharVocabulary VOCABULARY = CharVocabulary.of(
            TABLE.keySet().stream().map(c -> (int) c).sorted().toList());
    private static final StudentArtifact ARTIFACT = new StudentArtifact(Path.of("fixed"), "fixed-student", "7", 16,
            VOCABULARY, BMES, POS, BIO, 4, 0.8f, 0.5f, null);

    private final AtomicInteger calls = new AtomicInteger();
    private TestPipeline pipeline;

    @AfterEach
    void closePipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private void start() {
        start(ModelTask.all());
    }

    private void start(Set<ModelTask> heads) {
        StudentModel model = StudentModel.of(ARTIFACT, this::fixedTable, 32);
        SimilaritySettings similarity = SimilaritySettings.defaults(StudentStageFactory.scores(ARTIFACT))
                .withIncludeEmbedding(true);
        pipeline = new TestPipeline(List.of(new StudentStageFactory(model, UserDictionary::empty, similarity, heads)));
    }

    @Test
    void shouldFillEveryFieldTheFiveStagesFillAndNameFiveHeads() {
        start();
        pipeline.send(Documents.document("doc-1", "张三在北京。好"));
        pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

        EnrichedDocument enriched = pipeline.enriched().readValue();
        assertThat(enriched.getTokens()).extracting(Token::getText, Token::getStart, Token::getEnd, Token::getPos)
                .containsExactly(tuple("张三", 0, 2, "NOUN"), tuple("在", 2, 3, "VERB"), tuple("北京", 3, 5, "NOUN"),
                        tuple("。", 5, 6, "PUNCT"), tuple("好", 6, 7, "NOUN"));
        assertThat(enriched.getDictionaryVersion()).isNotNull();
        assertThat(enriched.getEntities()).extracting(Entity::getType, Entity::getText, Entity::getStart, Entity::getEnd)
                .containsExactly(tuple("PER", "张三", 0, 2), tuple("LOC", "北京", 3, 5));
        assertThat(enriched.getSentiment().getLabel()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(enriched.getSentiment().getPositiveProbability()).isCloseTo(0.9526f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(enriched.getEmbedding()).containsExactly(1f, 0f, 0f, 0f);
        assertThat(enriched.getModels()).extracting(ModelVersion::getStage, ModelVersion::getName, ModelVersion::getVersion)
                .containsExactly(tuple("segmentation", "fixed-student", "7"), tuple("pos", "fixed-student", "7"),
                        tuple("ner", "fixed-student", "7"), tuple("sentiment", "fixed-student", "7"),
                        tuple("similarity", "fixed-student", "7"));
        assertThat(calls).as("one network call for every head").hasValue(1);
    }

    @Test
    void shouldDecodeAndWriteOnlyTheChosenHeads() {
        start(EnumSet.of(ModelTask.SEGMENTATION, ModelTask.SENTIMENT));
        pipeline.send(Documents.document("doc-1", "张三毒北京。好")); // 毒 cannot be segmented, nor is it asked to be
        pipeline.send(Documents.document("doc-2", "张三在北京。好"));
        pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

        Map<String, EnrichedDocument> enriched = pipeline.enriched().readValuesToList().stream()
                .collect(Collectors.toMap(EnrichedDocument::getId, Function.identity()));
        assertThat(enriched).containsOnlyKeys("doc-2");
        EnrichedDocument document = enriched.get("doc-2");
        assertThat(document.getTokens()).extracting(Token::getText, Token::getPos)
                .containsExactly(tuple("张三", null), tuple("在", null), tuple("北京", null), tuple("。", null), tuple("好", null));
        assertThat(document.getEntities()).isNull();
        assertThat(document.getEmbedding()).isNull();
        assertThat(document.getSentiment().getLabel()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(document.getModels()).extracting(ModelVersion::getStage).containsExactly("segmentation", "sentiment");
        assertThat(pipeline.deadLetters().readValue().getDocumentId()).isEqualTo("doc-1");
    }

    @Test
    void shouldRecogniseEntitiesAndEmbedWithoutSegmenting() {
        start(EnumSet.of(ModelTask.NER, ModelTask.SIMILARITY));
        pipeline.send(Documents.document("doc-3", "张三毒北京。好"));
        pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

        EnrichedDocument withoutSegmentation = pipeline.enriched().readValue();
        assertThat(withoutSegmentation.getTokens()).isNull();
        assertThat(withoutSegmentation.getEntities()).extracting(Entity::getText).containsExactly("张三", "北京");
        assertThat(withoutSegmentation.getEmbedding()).containsExactly(1f, 0f, 0f, 0f);
        assertThat(pipeline.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void shouldRefusePartOfSpeechWithoutSegmentation() {
        StudentModel model = StudentModel.of(ARTIFACT, this::fixedTable, 8);
        assertThatThrownBy(() -> new StudentStageFactory(model, UserDictionary::empty, SimilaritySettings.defaults(0.99f),
                EnumSet.of(ModelTask.POS, ModelTask.NER))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentation");
    }

    @Test
    void shouldDeadLetterOnlyTheDocumentWhoseScoresCannotBeDecoded() {
        start();
        pipeline.send(Documents.document("doc-1", "张三在北京。"));
        pipeline.send(Documents.document("doc-2", "张三毒北京。"));
        pipeline.send(Documents.document("doc-3", "北京好。"));

        Map<String, EnrichedDocument> enriched = pipeline.enriched().readValuesToList().stream()
                .collect(Collectors.toMap(EnrichedDocument::getId, Function.identity()));
        assertThat(enriched).containsOnlyKeys("doc-1", "doc-3");
        assertThat(enriched.get("doc-3").getTokens()).extracting(Token::getText).containsExactly("北京", "好", "。");
        DeadLetter letter = pipeline.deadLetters().readValue();
        assertThat(letter.getDocumentId()).isEqualTo("doc-2");
        assertThat(letter.getStage()).isEqualTo(StudentStage.NAME);
        assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.STAGE_FAILED.code());
        assertThat(pipeline.deadLetters().isEmpty()).isTrue();
        assertThat(calls).as("the batch of three ran once; no document was run again alone").hasValue(1);
    }

    @Test
    void shouldSegmentWithTheDictionaryTopicsEntriesLikeTheSegmentationStage() {
        start();
        pipeline.driver().createInputTopic(Topics.DICTIONARY, new StringSerializer(), AvroSerde.dictionaryEntry().serializer())
                .pipeInput("在北京", new DictionaryEntry("在北京", DictionaryAction.KEEP, List.of("在北京"),
                        DictionarySource.OPERATOR, null, Instant.EPOCH));
        pipeline.send(Documents.document("doc-1", "张三在北京。"));
        pipeline.driver().advanceWallClockTime(TestSettings.BATCH.maxWait());

        EnrichedDocument enriched = pipeline.enriched().readValue();
        assertThat(enriched.getTokens()).extracting(Token::getText).containsExactly("张三", "在北京", "。");
        assertThat(enriched.getDictionaryVersion())
                .isEqualTo(UserDictionary.of(Map.of("在北京", List.of("在北京"))).fingerprint());
    }

    @Test
    void shouldDeployTheStudentAloneWhenTheModelsDirectoryHasOne(@TempDir Path models) throws IOException {
        for (String model : List.of("student", "segmenter", "ner")) {
            Files.createDirectories(models.resolve(model).resolve("1"));
            Files.writeString(models.resolve(model).resolve("1").resolve("manifest.json"), "{}");
        }

        assertThatThrownBy(() -> ModelStages.open(new ModelSettings(models, "cpu", null, 8)))
                .as("the student is opened (and found incomplete); the single-task artifacts are not")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(models.resolve("student").resolve("1").toString())
                .hasMessageContaining("wenliu train student");
    }

    @Test
    void shouldReportAnEngineFailureOrAClosedModelAsTheStageBeingUnavailable() {
        StudentModel failing = StudentModel.of(ARTIFACT, batch -> {
            throw new TranslateException(new EngineException("the native library is gone"));
        }, 8);
        StudentModel closed = StudentModel.of(ARTIFACT, this::fixedTable, 8);
        closed.close();
        for (StudentModel model : List.of(failing, closed)) {
            try (StudentStageFactory factory = new StudentStageFactory(model, UserDictionary::empty,
                    SimilaritySettings.defaults(0.99f), ModelTask.all()); EnrichmentStage stage = factory.newStage()) {
                assertThatThrownBy(() -> stage.enrich(List.of(item("doc-1", "北京"))))
                        .isInstanceOf(StageUnavailableException.class);
            }
        }
    }

    private static EnrichmentItem item(String id, String text) {
        Document document = Document.newBuilder().setId(id).setText(text).setEventTime(Instant.EPOCH).build();
        return new EnrichmentItem(document, EnrichedDocument.newBuilder().setId(id).setText(text)
                .setEventTime(Instant.EPOCH).setProcessedAt(Instant.EPOCH));
    }

    /** Scores each character by {@link #TABLE}; the logit is +3 for a piece with 好, else -3; so is the embedding. */
    private StudentModel.BatchOutput fixedTable(TokenBatch batch) {
        calls.incrementAndGet();
        float[] logits = new float[batch.size()];
        float[] embeddings = new float[batch.size() * 4];
        for (int row = 0; row < batch.size(); row++) {
            int[] ids = Arrays.copyOfRange(batch.ids(), row * batch.width(), (row + 1) * batch.width());
            boolean good = Arrays.stream(ids).anyMatch(id -> id == VOCABULARY.id('好'));
            logits[row] = good ? 3 : -3;
            embeddings[row * 4 + (good ? 0 : 1)] = 1;
        }
        return new StudentModel.BatchOutput(head(batch, BMES, 0), head(batch, POS, 1), head(batch, BIO, 2), logits, embeddings);
    }

    private static EmissionScores head(TokenBatch batch, LabelSet labels, int column) {
        int tags = labels.size();
        float[] emissions = new float[batch.size() * batch.width() * tags];
        for (int position = 0; position < batch.size() * batch.width(); position++) {
            int id = batch.ids()[position];
            String[] row = id == 0 ? null : TABLE.get((char) VOCABULARY.entries().get(id).codePointAt(0));
            String tag = row == null ? new String[] {"S", "B-NOUN", "O"}[column] : row[column];
            if (tag == null) {
                Arrays.fill(emissions, position * tags, (position + 1) * tags, Float.NEGATIVE_INFINITY);
            } else {
                emissions[position * tags + labels.id(tag)] = 6;
            }
        }
        return new EmissionScores(emissions, new float[tags * tags], batch.size(), batch.width(), tags);
    }
}
