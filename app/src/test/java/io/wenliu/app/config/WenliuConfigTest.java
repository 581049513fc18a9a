package io.wenliu.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.serdes.Topics;
import io.wenliu.topology.stages.ModelTask;
import io.wenliu.topology.similar.SimilaritySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WenliuConfigTest {
    /** What a deployed similarity model suggests. */
    private static final SimilaritySettings.ModelScores MODEL = new SimilaritySettings.ModelScores(0.84f, 0.98f);


    @Test
    void shouldUseDocumentedDefaults() {
        WenliuConfig config = new WenliuConfig(Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.applicationId()).isEqualTo("wenliu");
        assertThat(config.topology().inputTopic()).isEqualTo(Topics.DOCUMENTS);
        assertThat(config.topology().enrichedTopic()).isEqualTo(Topics.ENRICHED);
        assertThat(config.topology().deadLetterTopic()).isEqualTo(Topics.DEAD_LETTERS);
        assertThat(config.topology().entitiesTopic()).isEqualTo(Topics.ENTITIES);
        assertThat(config.similarTopic()).isEqualTo(Topics.SIMILAR);
        assertThat(config.models().modelsDirectory()).isEqualTo(Path.of("models/artifacts"));
        assertThat(config.models().device()).isEqualTo("cpu");
        assertThat(config.models().userDictionary()).isNull();
        assertThat(config.metricsPort()).isEmpty();
        assertThat(config.createTopics()).isFalse();
        assertThat(config.topicReplicationFactor()).isEmpty();
    }

    @Test
    void shouldBuildTheRecordsHandedInward() {
        WenliuConfig config = new WenliuConfig(Map.of(
                WenliuConfig.BATCH_MAX_SIZE_CONFIG, "64",
                WenliuConfig.BATCH_MAX_WAIT_MS_CONFIG, "20",
                WenliuConfig.TEXT_MAX_CHARS_CONFIG, "500",
                WenliuConfig.MODELS_DIR_CONFIG, "/opt/wenliu/models",
                WenliuConfig.MODELS_DEVICE_CONFIG, "gpu:1",
                WenliuConfig.MODELS_USER_DICTIONARY_CONFIG, "/etc/wenliu/words.txt"));

        assertThat(config.batch().maxSize()).isEqualTo(64);
        assertThat(config.batch().maxWait()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.topology().maxTextChars()).isEqualTo(500);
        assertThat(config.topology().batch()).isEqualTo(config.batch());
        assertThat(config.models().modelsDirectory()).isEqualTo(Path.of("/opt/wenliu/models"));
        assertThat(config.models().device()).isEqualTo("gpu:1");
        assertThat(config.models().userDictionary()).isEqualTo(Path.of("/etc/wenliu/words.txt"));
        assertThat(config.models().maxBatchSize()).isEqualTo(64);
    }

    @Test
    void shouldRejectUnknownWenliuSettingsNamingThem() {
        assertThatThrownBy(() -> new WenliuConfig(Map.of("wenliu.batch.maxsize", "8")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("wenliu.batch.maxsize");
    }

    @Test
    void shouldRejectInvalidValuesNamingTheKey() {
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.BATCH_MAX_SIZE_CONFIG, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(WenliuConfig.BATCH_MAX_SIZE_CONFIG);
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.MODELS_DEVICE_CONFIG, "tpu")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(WenliuConfig.MODELS_DEVICE_CONFIG);
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.TOPICS_REPLICATION_FACTOR_CONFIG, "0")))
                .isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest(name = "input topic {0}")
    @ValueSource(strings = {Topics.ENRICHED, Topics.DEAD_LETTERS, Topics.ENTITIES, Topics.SIMILAR})
    void shouldRejectReadingItsOwnOutput(String outputTopic) {
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.TOPIC_INPUT_CONFIG, outputTopic)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("its own output");
    }

    @Test
    void shouldDeployEveryModelTaskUnlessToldWhich() {
        assertThat(new WenliuConfig(Map.of()).modelTasks()).isEqualTo(ModelTask.all());
        assertThat(new WenliuConfig(Map.of(WenliuConfig.MODELS_TASKS_CONFIG, "segmentation, NER")).modelTasks())
                .containsExactly(ModelTask.SEGMENTATION, ModelTask.NER);
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.MODELS_TASKS_CONFIG, "segmentation,keywords")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(WenliuConfig.MODELS_TASKS_CONFIG)
                .hasMessageContaining("keywords");
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.MODELS_TASKS_CONFIG, "pos,ner")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("add segmentation");
    }

    @Test
    void shouldListEveryTopicToCreateInputFirst() {
        assertThat(new WenliuConfig(Map.of()).topics()).containsExactly(
                Topics.DOCUMENTS, Topics.ENRICHED, Topics.DEAD_LETTERS, Topics.ENTITIES, Topics.SIMILAR,
                Topics.DICTIONARY, Topics.WORD_CANDIDATES);
    }

    @Test
    void shouldTakeTheWordsSettingsWithAutoAcceptOffByDefault() {
        WenliuConfig defaults = new WenliuConfig(Map.of());
        WenliuConfig configured = new WenliuConfig(Map.of(WenliuConfig.WORDS_AUTO_ACCEPT_SCORE_CONFIG, "500",
                WenliuConfig.WORDS_WINDOW_DOCUMENTS_CONFIG, "1000", WenliuConfig.TOPIC_DICTIONARY_CONFIG, "news.dictionary"));

        assertThat(defaults.words().autoAcceptScore()).isNull();
        assertThat(defaults.words().dictionaryTopic()).isEqualTo(Topics.DICTIONARY);
        assertThat(defaults.compactedTopics()).containsExactly(Topics.DICTIONARY, Topics.WORD_CANDIDATES);
        assertThat(configured.words().autoAcceptScore()).isEqualTo(500.0);
        assertThat(configured.words().windowDocuments()).isEqualTo(1000);
        assertThat(configured.words().dictionaryTopic()).isEqualTo("news.dictionary");
    }

    @Test
    void shouldRefuseAnAutoAcceptScoreThatIsNotPositive() {
        assertThatThrownBy(() -> new WenliuConfig(Map.of(WenliuConfig.WORDS_AUTO_ACCEPT_SCORE_CONFIG, "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(WenliuConfig.WORDS_AUTO_ACCEPT_SCORE_CONFIG);
    }

    @Test
    void shouldReadTheFacetTopicsFromEnvironmentVariables() {
        WenliuConfig config = ConfigSources.load(null, Map.of(
                "WENLIU_TOPIC_ENTITIES", "news.entities",
                "WENLIU_TOPIC_SIMILAR", "news.similar"), Map.of());

        assertThat(config.topology().entitiesTopic()).isEqualTo("news.entities");
        assertThat(config.similarTopic()).isEqualTo("news.similar");
        assertThat(config.similarity(MODEL).similarTopic()).as("the topic the similarity index writes to")
                .isEqualTo("news.similar");
        assertThat(config.topics()).contains("news.entities", "news.similar")
                .doesNotContain(Topics.ENTITIES, Topics.SIMILAR);
    }

    @Test
    void shouldPassKafkaClientSettingsThroughWithoutThePrefix() {
        WenliuConfig config = new WenliuConfig(Map.of(
                WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9093,broker-2:9093",
                WenliuConfig.APPLICATION_ID_CONFIG, "wenliu-prod",
                WenliuConfig.STREAM_THREADS_CONFIG, "3",
                WenliuConfig.STATE_DIR_CONFIG, "/var/lib/wenliu",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512"));

        Properties streams = config.streamsProperties();
        assertThat(streams)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9093,broker-2:9093")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "wenliu-prod")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/wenliu")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(config.clientSettings())
                .containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("application.id");
    }

    @Test
    void shouldRefuseKafkaOverridesOfSettingsWenliuOwns() {
        assertThatThrownBy(() -> new WenliuConfig(Map.of("kafka.processing.guarantee", "at_least_once")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.processing.guarantee");
        assertThatThrownBy(() -> new WenliuConfig(Map.of("kafka.bootstrap.servers", "other:9092")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(WenliuConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    @Test
    void shouldDefaultToTheDocumentedSimilarityIndexWithTheModelsScores() {
        SimilaritySettings similarity = new WenliuConfig(Map.of()).similarity(MODEL);

        assertThat(similarity).isEqualTo(SimilaritySettings.defaults(MODEL));
        assertThat(similarity.bands()).isEqualTo(24);
        assertThat(similarity.rowsPerBand()).isEqualTo(12);
        assertThat(similarity.topK()).isEqualTo(10);
        assertThat(similarity.minScore()).as("the model's, as none is configured").isEqualTo(0.84f);
        assertThat(similarity.nearDuplicateThreshold()).as("the model's, as none is configured").isEqualTo(0.98f);
        assertThat(similarity.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(similarity.maxDocuments()).isEqualTo(200_000);
        assertThat(similarity.maxBucketSize()).isEqualTo(2_000);
        assertThat(similarity.includeEmbedding()).isFalse();
        assertThat(similarity.similarTopic()).isEqualTo(Topics.SIMILAR);
    }

    @Test
    void shouldReadEverySimilaritySettingAndItsTopicFromAPropertiesFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wenliu.properties");
        Files.writeString(file, """
                wenliu.similarity.top.k=5
                wenliu.similarity.min.score=0.25
                wenliu.similarity.near.duplicate.threshold=0.95
                wenliu.similarity.retention.max.age.ms=3600000
                wenliu.similarity.retention.max.documents=1000
                wenliu.similarity.max.bucket.size=100
                wenliu.similarity.lsh.bands=16
                wenliu.similarity.lsh.rows=8
                wenliu.similarity.lsh.seed=42
                wenliu.similarity.index.shards=12
                wenliu.similarity.include.embedding=true
                wenliu.topic.similar=news.similar
                """, StandardCharsets.UTF_8);

        SimilaritySettings similarity = ConfigSources.load(file, Map.of(), Map.of()).similarity(MODEL);

        assertThat(similarity).isEqualTo(new SimilaritySettings(16, 8, 42L, 5, 0.25f, 0.95f, Duration.ofHours(1),
                1000, 100, true, "news.similar", 12));
    }

    @Test
    void shouldReadSimilaritySettingsFromEnvironmentVariables() {
        SimilaritySettings similarity = ConfigSources.load(null, Map.of(
                "WENLIU_SIMILARITY_TOP_K", "3",
                "WENLIU_SIMILARITY_NEAR_DUPLICATE_THRESHOLD", "0.9",
                "WENLIU_SIMILARITY_RETENTION_MAX_AGE_MS", "86400000",
                "WENLIU_SIMILARITY_LSH_ROWS", "10",
                "WENLIU_SIMILARITY_INCLUDE_EMBEDDING", "true"), Map.of()).similarity(MODEL);

        assertThat(similarity).isEqualTo(SimilaritySettings.defaults(0.9f).withScores(3, 0.84f, 0.9f)
                .withRetention(Duration.ofDays(1), 200_000, 2_000).withBanding(24, 10).withIncludeEmbedding(true));
    }

    @Test
    void shouldShardTheIndexLikeTheTopicsUnlessToldOtherwise() {
        assertThat(ConfigSources.load(null, Map.of("WENLIU_TOPICS_PARTITIONS", "12"), Map.of()).similarity(MODEL).shards())
                .isEqualTo(12);
        assertThat(ConfigSources.load(null, Map.of("WENLIU_TOPICS_PARTITIONS", "12", "WENLIU_SIMILARITY_INDEX_SHARDS", "3"),
                Map.of()).similarity(MODEL).shards()).isEqualTo(3);
    }

    @Test
    void shouldTakeTheModelsScoresWhenTheSettingsAreEmpty() {
        WenliuConfig config = ConfigSources.load(null, Map.of("WENLIU_SIMILARITY_NEAR_DUPLICATE_THRESHOLD", "",
                "WENLIU_SIMILARITY_MIN_SCORE", ""), Map.of());

        assertThat(config.similarity(new SimilaritySettings.ModelScores(0.7f, 0.99f)))
                .extracting(SimilaritySettings::minScore, SimilaritySettings::nearDuplicateThreshold)
                .containsExactly(0.7f, 0.99f);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "wenliu.similarity.lsh.bands, 0, at least 1",
            "wenliu.similarity.lsh.bands, 65, no more than 64",
            "wenliu.similarity.lsh.rows, 63, no more than 62",
            "wenliu.similarity.top.k, 0, at least 1",
            "wenliu.similarity.index.shards, 0, from 1 to 10000",
            "wenliu.similarity.min.score, 2, cosine in [-1, 1]",
            "wenliu.similarity.near.duplicate.threshold, 1.5, cosine in [-1, 1]",
            "wenliu.similarity.near.duplicate.threshold, high, cosine in [-1, 1]",
            "wenliu.similarity.retention.max.age.ms, 0, at least 1",
            "wenliu.similarity.retention.max.documents, 0, at least 1",
            "wenliu.similarity.max.bucket.size, 0, at least 1",
            "wenliu.topic.similar, '', must be non-empty"})
    void shouldRejectInvalidSimilaritySettingsSayingWhatIsValid(String key, String value, String explanation) {
        assertThatThrownBy(() -> new WenliuConfig(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(explanation);
    }

    @Test
    void shouldListEverySettingWithItsVariableInTheHelpText() {
        String help = WenliuConfig.helpText();
        for (String key : WenliuConfig.definition().names()) {
            assertThat(help).contains(key).contains(ConfigSources.environmentVariable(key));
        }
        assertThat(WenliuConfig.markdownTable()).contains("`WENLIU_BATCH_MAX_SIZE`", "`WENLIU_KAFKA_<NAME>`");
    }
}
