package io.wenliu.app.config;

import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;

import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.serdes.Topics;
import io.wenliu.models.discover.DiscoverySettings;
import io.wenliu.topology.RecordLimits;
import io.wenliu.topology.TopologySettings;
import io.wenliu.topology.words.WordsSettings;
import io.wenliu.topology.WenliuTopology;
import io.wenliu.topology.batch.BatchSettings;
import io.wenliu.topology.similar.SimilaritySettings;
import io.wenliu.topology.stages.ModelTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting of the Wenliu service, declared once: key, type, default, validator and
 * documentation. Keys are {@code wenliu.<area>.<name>[.<unit>]}; {@link ConfigSources} reads them
 * from a properties file and {@code WENLIU_*} environment variables.
 *
 * <p>Settings of the Kafka clients themselves (security, SASL, TLS, timeouts, Streams tuning) pass
 * through with the prefix {@value #KAFKA_PREFIX}: {@code kafka.security.protocol=SASL_SSL} sets the
 * clients' {@code security.protocol}. The few client settings Wenliu owns (bootstrap servers,
 * application id, processing guarantee) cannot be overridden that way.
 *
 * <p>Immutable and thread-safe once built; unknown {@code wenliu.*} keys are an error, not a silent default.
 */
public final class WenliuConfig extends AbstractConfig {
    /** Prefix of the Kafka client settings passed through unchanged (prefix stripped). */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "wenliu.bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, host:port[,host:port...].";

    public static final String APPLICATION_ID_CONFIG = "wenliu.application.id";
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group of every "
            + "instance of one deployment and the prefix of its internal topics. Instances with the same id share "
            + "the input partitions.";

    public static final String TOPIC_INPUT_CONFIG = "wenliu.topic.input";
    private static final String TOPIC_INPUT_DOC = "Topic of the Document records to enrich.";

    public static final String TOPIC_ENRICHED_CONFIG = "wenliu.topic.enriched";
    private static final String TOPIC_ENRICHED_DOC = "Topic the EnrichedDocument records are written to.";

    public static final String TOPIC_DEAD_LETTERS_CONFIG = "wenliu.topic.dead.letters";
    private static final String TOPIC_DEAD_LETTERS_DOC = "Topic the DeadLetter records are written to.";

    public static final String TOPIC_ENTITIES_CONFIG = "wenliu.topic.entities";
    private static final String TOPIC_ENTITIES_DOC = "Facet topic of EntityMention records: one per named entity, keyed by "
            + "document id, written in the same transaction as the enriched record.";

    public static final String TOPIC_SIMILAR_CONFIG = "wenliu.topic.similar";
    private static final String TOPIC_SIMILAR_DOC = "Facet topic of SimilarityLink records (when the similarity "
            + "model is deployed): one per similar earlier document, best first, keyed by the newer document's id, "
            + "written in the same transaction as the enriched record.";

    public static final String TOPICS_CREATE_CONFIG = "wenliu.topics.create";
    private static final String TOPICS_CREATE_DOC = "Create the input, output and facet topics at start-up "
            + "if they do not exist (needs the CREATE permission). Off in production, where topics are provisioned.";

    public static final String TOPICS_PARTITIONS_CONFIG = "wenliu.topics.partitions";
    private static final String TOPICS_PARTITIONS_DOC = "Partitions of the topics Wenliu creates (with "
            + TOPICS_CREATE_CONFIG + "); the input topic's partitions bound how many instances share the work.";

    public static final String TOPICS_REPLICATION_FACTOR_CONFIG = "wenliu.topics.replication.factor";
    private static final String TOPICS_REPLICATION_FACTOR_DOC = "Replication factor of the topics Wenliu creates; "
            + "-1 takes the broker's default.replication.factor.";

    public static final String STREAM_THREADS_CONFIG = "wenliu.stream.threads";
    private static final String STREAM_THREADS_DOC = "Kafka Streams threads in this instance; each runs its own model "
            + "sessions. More threads than input partitions across all instances stay idle.";

    public static final String BATCH_MAX_SIZE_CONFIG = "wenliu.batch.max.size";
    private static final String BATCH_MAX_SIZE_DOC = "Most documents per model call. Bigger batches raise throughput; "
            + "one batch must finish well within max.poll.interval.ms.";

    public static final String BATCH_MAX_WAIT_MS_CONFIG = "wenliu.batch.max.wait.ms";
    private static final String BATCH_MAX_WAIT_MS_DOC = "Longest time a document waits for its batch to fill.";

    public static final String TEXT_MAX_CHARS_CONFIG = "wenliu.text.max.chars";
    private static final String TEXT_MAX_CHARS_DOC = "Longest accepted text in UTF-16 code units; longer documents "
            + "are dead-lettered with TEXT_TOO_LONG.";

    public static final String RECORD_MAX_BYTES_CONFIG = "wenliu.record.max.bytes";
    private static final String RECORD_MAX_BYTES_DOC = "Largest input record (key plus value bytes) enriched; a larger "
            + "one is dead-lettered with RECORD_TOO_LARGE before it is decoded or buffered. Dead letters carry the "
            + "original bytes only up to this size (above it, their size and SHA-256). Keep it at most half the "
            + "brokers' message.max.bytes, so that the enriched record (text plus facets) fits.";

    public static final String OUTPUT_MAX_BYTES_CONFIG = "wenliu.output.max.bytes";
    private static final String OUTPUT_MAX_BYTES_DOC = "Largest enriched record written; a larger one is dead-lettered "
            + "with OUTPUT_TOO_LARGE. Must stay below the producer's max.request.size and the output and internal "
            + "topics' max.message.bytes (1 MB by default); at least " + RECORD_MAX_BYTES_CONFIG + ".";

    public static final String ID_MAX_BYTES_CONFIG = "wenliu.id.max.bytes";
    private static final String ID_MAX_BYTES_DOC = "Longest document id in UTF-8 bytes; a longer one is dead-lettered "
            + "with INVALID_ID (as is an id with control characters or invalid UTF-8).";

    public static final String MODELS_DIR_CONFIG = "wenliu.models.dir";
    private static final String MODELS_DIR_DOC = "Folder of the model artifacts (<model>/<version>/). A model whose "
            + "artifact is absent is not deployed and its output fields stay null.";

    public static final String MODELS_TASKS_CONFIG = "wenliu.models.tasks";
    private static final String MODELS_TASKS_DOC = "What the models do, among segmentation, pos, ner, sentiment and "
            + "similarity (pos needs segmentation). A single-task model left out is not loaded; with the one-pass "
            + "student, a head left out is not decoded and its fields stay null (the network still computes it: "
            + "under 1% of its work). Without similarity the similar-document index does not run; without "
            + "segmentation, neither do the dictionary topic and word discovery.";

    public static final String MODELS_DEVICE_CONFIG = "wenliu.models.device";
    private static final String MODELS_DEVICE_DOC = "Where the models run: cpu, gpu (the first GPU) or gpu:N "
            + "(needs the jar built with -Pgpu).";

    public static final String MODELS_USER_DICTIONARY_CONFIG = "wenliu.models.user.dictionary";
    private static final String MODELS_USER_DICTIONARY_DOC = "Optional segmentation user dictionary, one word per "
            + "line; empty for none.";

    public static final String STATE_DIR_CONFIG = "wenliu.state.dir";
    private static final String STATE_DIR_DOC = "Kafka Streams state directory (batch buffers, similarity index). "
            + "Empty: Kafka Streams' default under java.io.tmpdir. Give every instance on one host its own.";

    public static final String METRICS_PORT_CONFIG = "wenliu.metrics.port";
    private static final String METRICS_PORT_DOC = "Port of the Prometheus endpoint (GET /metrics) with Kafka Streams "
            + "and JVM metrics; 0 turns it off.";

    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "wenliu.shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC = "Longest wait for Kafka Streams to commit and leave the "
            + "consumer group on SIGTERM.";

    public static final String SIMILARITY_TOP_K_CONFIG = "wenliu.similarity.top.k";
    private static final String SIMILARITY_TOP_K_DOC = "Most similar earlier documents reported per document, in the "
            + "enriched record's similar field and on the similar facet topic. More makes bigger records and "
            + "band answers, not more comparisons.";

    public static final String SIMILARITY_MIN_SCORE_CONFIG = "wenliu.similarity.min.score";
    private static final String SIMILARITY_MIN_SCORE_DOC = "Lowest cosine at which an earlier document is reported "
            + "as similar. Empty: the similarity model's measured value (its manifest's documentMinScore, chosen by "
            + "'wenliu eval similar-documents', else its same-meaning threshold). Lower reports weaker neighbours too "
            + "(noisier, bigger records); it does not change which documents are compared.";

    public static final String SIMILARITY_NEAR_DUPLICATE_THRESHOLD_CONFIG =
            "wenliu.similarity.near.duplicate.threshold";
    private static final String SIMILARITY_NEAR_DUPLICATE_THRESHOLD_DOC = "Cosine at or above which an earlier "
            + "document is a near-duplicate (nearDuplicateOf names the earliest). Empty: max(0.98, the similarity "
            + "model's own same-meaning threshold). Lower also flags paraphrases as duplicates.";

    public static final String SIMILARITY_RETENTION_MAX_AGE_MS_CONFIG = "wenliu.similarity.retention.max.age.ms";
    private static final String SIMILARITY_RETENTION_MAX_AGE_MS_DOC = "How long a document stays in the similarity "
            + "index, by record time against its partition's stream time (604800000: 7 days). Longer finds older "
            + "neighbours at the cost of state store size and comparisons per document.";

    public static final String SIMILARITY_RETENTION_MAX_DOCUMENTS_CONFIG = "wenliu.similarity.retention.max.documents";
    private static final String SIMILARITY_RETENTION_MAX_DOCUMENTS_DOC = "Most documents one similarity index "
            + "partition keeps; the oldest leave first. Bounds the state store (with the default student's 512-d "
            + "embeddings about 1.1 kB per band key a document is filed under, 27 kB per document with 24 bands; on "
            + "disk and in the changelog, not in heap) "
            + "whatever the input rate.";

    public static final String SIMILARITY_MAX_BUCKET_SIZE_CONFIG = "wenliu.similarity.max.bucket.size";
    private static final String SIMILARITY_MAX_BUCKET_SIZE_DOC = "Most documents one LSH bucket keeps; the oldest "
            + "leave the bucket first. Bounds the comparisons per lookup; too low loses recall in crowded buckets.";

    public static final String SIMILARITY_LSH_BANDS_CONFIG = "wenliu.similarity.lsh.bands";
    private static final String SIMILARITY_LSH_BANDS_DOC = "LSH bands: each document is indexed and looked up under "
            + "this many band keys. More bands find more true neighbours (recall) at the cost of more comparisons "
            + "and storage. Band keys are repartition keys: bands, "
            + "rows and seed must be the same on every instance of one application id, and changing them leaves "
            + "the documents already indexed unfindable until they age out.";

    public static final String SIMILARITY_LSH_ROWS_CONFIG = "wenliu.similarity.lsh.rows";
    private static final String SIMILARITY_LSH_ROWS_DOC = "Hyperplane bits per band key. More bits make buckets "
            + "smaller: fewer comparisons per lookup (faster) but lower recall. Must be the same on every instance "
            + "of one application id (see " + SIMILARITY_LSH_BANDS_CONFIG + ").";

    public static final String SIMILARITY_INDEX_SHARDS_CONFIG = "wenliu.similarity.index.shards";
    private static final String SIMILARITY_INDEX_SHARDS_DOC = "Shards of the similarity index: band keys are "
            + "spread over this many shards, each held by one partition of the band repartition topic, and a "
            + "document sends one probe record per shard its band keys fall in (so 1 + 2 x shards records at most, "
            + "not 1 + 2 x bands). It bounds how many instances share the index; best equal to the input topic's "
            + "partitions, which Kafka Streams gives the band topic. Empty: " + TOPICS_PARTITIONS_CONFIG + ". Must "
            + "be the same on every instance of one application id (see " + SIMILARITY_LSH_BANDS_CONFIG + ").";

    public static final String SIMILARITY_LSH_SEED_CONFIG = "wenliu.similarity.lsh.seed";
    private static final String SIMILARITY_LSH_SEED_DOC = "Seed of the LSH random hyperplanes. Must be the same on "
            + "every instance of one application id (see " + SIMILARITY_LSH_BANDS_CONFIG + ").";

    public static final String SIMILARITY_INCLUDE_EMBEDDING_CONFIG = "wenliu.similarity.include.embedding";
    private static final String SIMILARITY_INCLUDE_EMBEDDING_DOC = "Whether the enriched record carries the "
            + "document's embedding (one float per dimension, 128 for similarity v1: about 0.5 kB more per record), "
            + "e.g. for a downstream vector search.";

    public static final String TOPIC_DICTIONARY_CONFIG = "wenliu.topic.dictionary";
    private static final String TOPIC_DICTIONARY_DOC = "Compacted topic of DictionaryEntry records keyed by word "
            + "(keep whole, split as, remove). Every instance reads all of it and applies it to segmentation within "
            + "seconds, on top of wenliu.models.user.dictionary; 'wenliu dictionary' writes it.";

    public static final String TOPIC_WORD_CANDIDATES_CONFIG = "wenliu.topic.word.candidates";
    private static final String TOPIC_WORD_CANDIDATES_DOC = "Compacted topic the DiscoveredWord records of new-word "
            + "discovery go to, keyed by word; 'wenliu dictionary accept' reads it.";

    public static final String WORDS_DISCOVERY_ENABLED_CONFIG = "wenliu.words.discovery.enabled";
    private static final String WORDS_DISCOVERY_ENABLED_DOC = "Whether to discover new words in the enriched "
            + "documents (when the segmenter is deployed). See docs/DISCOVERY.md.";

    public static final String WORDS_WINDOW_DOCUMENTS_CONFIG = "wenliu.words.window.documents";
    private static final String WORDS_WINDOW_DOCUMENTS_DOC = "Recent documents each enriched-topic partition keeps "
            + "for discovery, in a changelogged store: the memory bound (at most this many times "
            + "wenliu.text.max.chars per partition). More finds rarer words, at more CPU per rescoring.";

    public static final String WORDS_PUBLISH_INTERVAL_MS_CONFIG = "wenliu.words.publish.interval.ms";
    private static final String WORDS_PUBLISH_INTERVAL_MS_DOC = "How often each partition rescores its window "
            + "and publishes its candidates (wall-clock time; only when new documents arrived). Rescoring runs on the "
            + "stream thread and takes seconds per 1,000 documents: keep it well below max.poll.interval.ms.";

    public static final String WORDS_TOP_CANDIDATES_CONFIG = "wenliu.words.top.candidates";
    private static final String WORDS_TOP_CANDIDATES_DOC = "Most candidates each partition publishes per interval.";

    public static final String WORDS_AUTO_ACCEPT_SCORE_CONFIG = "wenliu.words.auto.accept.score";
    private static final String WORDS_AUTO_ACCEPT_SCORE_DOC = "Score (count x cohesion, merged over partitions) at "
            + "or above which a discovered word enters the dictionary topic by itself, as a DISCOVERED entry. Empty: "
            + "never; words enter only through 'wenliu dictionary add|accept'.";

    /** The index's defaults; the scores among them are unused (the model's, unless configured). */
    private static final SimilaritySettings SIMILARITY_DEFAULTS = SimilaritySettings.defaults(1f);

    /** Client settings Wenliu sets itself: passing them with the kafka. prefix is an error. */
    private static final Map<String, String> OWNED_CLIENT_SETTINGS = Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS_CONFIG,
            StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID_CONFIG,
            StreamsConfig.NUM_STREAM_THREADS_CONFIG, STREAM_THREADS_CONFIG,
            StreamsConfig.STATE_DIR_CONFIG, STATE_DIR_CONFIG,
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "(none: Wenliu always runs exactly_once_v2)");

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, "localhost:9092", new BootstrapServers(), Importance.HIGH,
                    BOOTSTRAP_SERVERS_DOC)
            .define(APPLICATION_ID_CONFIG, Type.STRING, "wenliu", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, APPLICATION_ID_DOC)
            .define(TOPIC_INPUT_CONFIG, Type.STRING, Topics.DOCUMENTS, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, TOPIC_INPUT_DOC)
            .define(TOPIC_ENRICHED_CONFIG, Type.STRING, Topics.ENRICHED, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, TOPIC_ENRICHED_DOC)
            .define(TOPIC_DEAD_LETTERS_CONFIG, Type.STRING, Topics.DEAD_LETTERS, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, TOPIC_DEAD_LETTERS_DOC)
            .define(TOPIC_ENTITIES_CONFIG, Type.STRING, Topics.ENTITIES, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, TOPIC_ENTITIES_DOC)
            .define(TOPIC_SIMILAR_CONFIG, Type.STRING, Topics.SIMILAR, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, TOPIC_SIMILAR_DOC)
            .define(TOPICS_CREATE_CONFIG, Type.BOOLEAN, false, Importance.LOW, TOPICS_CREATE_DOC)
            .define(TOPICS_PARTITIONS_CONFIG, Type.INT, 4, between(1, 10_000), Importance.LOW, TOPICS_PARTITIONS_DOC)
            .define(TOPICS_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) -1, new ReplicationFactor(),
                    Importance.LOW, TOPICS_REPLICATION_FACTOR_DOC)
            .define(STREAM_THREADS_CONFIG, Type.INT, 1, between(1, 64), Importance.MEDIUM, STREAM_THREADS_DOC)
            .define(BATCH_MAX_SIZE_CONFIG, Type.INT, BatchSettings.DEFAULT_MAX_SIZE, between(1, 1024),
                    Importance.HIGH, BATCH_MAX_SIZE_DOC)
            .define(BATCH_MAX_WAIT_MS_CONFIG, Type.LONG, BatchSettings.DEFAULT_MAX_WAIT.toMillis(), atLeast(1),
                    Importance.MEDIUM, BATCH_MAX_WAIT_MS_DOC)
            .define(TEXT_MAX_CHARS_CONFIG, Type.INT, TopologySettings.DEFAULT_MAX_TEXT_CHARS, between(1, 1_000_000),
                    Importance.MEDIUM, TEXT_MAX_CHARS_DOC)
            .define(RECORD_MAX_BYTES_CONFIG, Type.INT, RecordLimits.DEFAULT_MAX_RECORD_BYTES, atLeast(1024),
                    Importance.MEDIUM, RECORD_MAX_BYTES_DOC)
            .define(OUTPUT_MAX_BYTES_CONFIG, Type.INT, RecordLimits.DEFAULT_MAX_OUTPUT_BYTES, atLeast(1024),
                    Importance.MEDIUM, OUTPUT_MAX_BYTES_DOC)
            .define(ID_MAX_BYTES_CONFIG, Type.INT, RecordLimits.DEFAULT_MAX_ID_BYTES, between(1, 65_536),
                    Importance.LOW, ID_MAX_BYTES_DOC)
            .define(MODELS_DIR_CONFIG, Type.STRING, "models/artifacts", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, MODELS_DIR_DOC)
            .define(MODELS_TASKS_CONFIG, Type.LIST, String.join(",", ModelTask.names(ModelTask.all())),
                    new ModelTasks(), Importance.MEDIUM, MODELS_TASKS_DOC)
            .define(MODELS_DEVICE_CONFIG, Type.STRING, "cpu", new Device(), Importance.MEDIUM, MODELS_DEVICE_DOC)
            .define(MODELS_USER_DICTIONARY_CONFIG, Type.STRING, "", Importance.LOW, MODELS_USER_DICTIONARY_DOC)
            .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, STATE_DIR_DOC)
            .define(METRICS_PORT_CONFIG, Type.INT, 0, between(0, 65_535), Importance.LOW, METRICS_PORT_DOC)
            .define(SHUTDOWN_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, atLeast(0), Importance.LOW,
                    SHUTDOWN_TIMEOUT_MS_DOC)
            .define(SIMILARITY_TOP_K_CONFIG, Type.INT, SIMILARITY_DEFAULTS.topK(), atLeast(1), Importance.MEDIUM,
                    SIMILARITY_TOP_K_DOC)
            .define(SIMILARITY_MIN_SCORE_CONFIG, Type.STRING, "", new OptionalCosine(), Importance.MEDIUM,
                    SIMILARITY_MIN_SCORE_DOC)
            .define(SIMILARITY_NEAR_DUPLICATE_THRESHOLD_CONFIG, Type.STRING, "", new OptionalCosine(),
                    Importance.MEDIUM, SIMILARITY_NEAR_DUPLICATE_THRESHOLD_DOC)
            .define(SIMILARITY_RETENTION_MAX_AGE_MS_CONFIG, Type.LONG, SIMILARITY_DEFAULTS.maxAge().toMillis(),
                    atLeast(1), Importance.MEDIUM, SIMILARITY_RETENTION_MAX_AGE_MS_DOC)
            .define(SIMILARITY_RETENTION_MAX_DOCUMENTS_CONFIG, Type.INT, SIMILARITY_DEFAULTS.maxDocuments(),
                    atLeast(1), Importance.MEDIUM, SIMILARITY_RETENTION_MAX_DOCUMENTS_DOC)
            .define(SIMILARITY_MAX_BUCKET_SIZE_CONFIG, Type.INT, SIMILARITY_DEFAULTS.maxBucketSize(), atLeast(1),
                    Importance.LOW, SIMILARITY_MAX_BUCKET_SIZE_DOC)
            .define(SIMILARITY_LSH_BANDS_CONFIG, Type.INT, SIMILARITY_DEFAULTS.bands(),
                    between(1, SimilaritySettings.MAX_BANDS), Importance.LOW, SIMILARITY_LSH_BANDS_DOC)
            .define(SIMILARITY_LSH_ROWS_CONFIG, Type.INT, SIMILARITY_DEFAULTS.rowsPerBand(),
                    between(1, SimilaritySettings.MAX_ROWS_PER_BAND), Importance.LOW, SIMILARITY_LSH_ROWS_DOC)
            .define(SIMILARITY_INDEX_SHARDS_CONFIG, Type.STRING, "", new OptionalCount(), Importance.LOW,
                    SIMILARITY_INDEX_SHARDS_DOC)
            .define(SIMILARITY_LSH_SEED_CONFIG, Type.LONG, SIMILARITY_DEFAULTS.lshSeed(), Importance.LOW,
                    SIMILARITY_LSH_SEED_DOC)
            .define(SIMILARITY_INCLUDE_EMBEDDING_CONFIG, Type.BOOLEAN, SIMILARITY_DEFAULTS.includeEmbedding(),
                    Importance.MEDIUM, SIMILARITY_INCLUDE_EMBEDDING_DOC)
            .define(TOPIC_DICTIONARY_CONFIG, Type.STRING, Topics.DICTIONARY, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, TOPIC_DICTIONARY_DOC)
            .define(TOPIC_WORD_CANDIDATES_CONFIG, Type.STRING, Topics.WORD_CANDIDATES, new ConfigDef.NonEmptyString(),
                    Importance.LOW, TOPIC_WORD_CANDIDATES_DOC)
            .define(WORDS_DISCOVERY_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, WORDS_DISCOVERY_ENABLED_DOC)
            .define(WORDS_WINDOW_DOCUMENTS_CONFIG, Type.INT, WordsSettings.defaults().windowDocuments(), between(1, 1_000_000), Importance.MEDIUM,
                    WORDS_WINDOW_DOCUMENTS_DOC)
            .define(WORDS_PUBLISH_INTERVAL_MS_CONFIG, Type.LONG, WordsSettings.defaults().publishInterval().toMillis(), atLeast(1_000), Importance.LOW,
                    WORDS_PUBLISH_INTERVAL_MS_DOC)
            .define(WORDS_TOP_CANDIDATES_CONFIG, Type.INT, WordsSettings.defaults().topCandidates(), between(1, 100_000), Importance.LOW,
                    WORDS_TOP_CANDIDATES_DOC)
            .define(WORDS_AUTO_ACCEPT_SCORE_CONFIG, Type.STRING, "", new OptionalScore(), Importance.MEDIUM,
                    WORDS_AUTO_ACCEPT_SCORE_DOC);

    /**
     * @param values {@code wenliu.*} settings and {@code kafka.*} client settings; other keys are ignored
     * @throws ConfigException for an unknown {@code wenliu.*} key, an invalid value, or a {@code kafka.*}
     *                         key that overrides a setting Wenliu owns
     */
    public WenliuConfig(Map<?, ?> values) {
        super(DEFINITION, values, false);
        Set<String> unknown = new TreeSet<>(originalsWithPrefix("wenliu.", false).keySet());
        unknown.removeAll(DEFINITION.names());
        if (!unknown.isEmpty()) { // a typo is an error, not a silent default
            throw new ConfigException("Unknown settings " + unknown + "; 'wenliu run --help' lists them");
        }
        for (String key : kafkaClientSettings().keySet()) {
            String owner = OWNED_CLIENT_SETTINGS.get(key);
            if (owner != null) {
                throw new ConfigException(KAFKA_PREFIX + key, originals().get(KAFKA_PREFIX + key),
                        "Wenliu sets this client setting itself; use " + owner);
            }
        }
        if (getString(TOPIC_INPUT_CONFIG).equals(getString(TOPIC_ENRICHED_CONFIG))
                || getString(TOPIC_INPUT_CONFIG).equals(getString(TOPIC_DEAD_LETTERS_CONFIG))
                || getString(TOPIC_INPUT_CONFIG).equals(getString(TOPIC_ENTITIES_CONFIG))
                || getString(TOPIC_INPUT_CONFIG).equals(getString(TOPIC_SIMILAR_CONFIG))) {
            throw new ConfigException(TOPIC_INPUT_CONFIG, getString(TOPIC_INPUT_CONFIG),
                    "the input topic must differ from the output topics, or Wenliu would read its own output");
        }
        limits(); // contradictory limits are a configuration error at start-up
    }

    /** The declared settings, for help texts and the README's table. */
    public static ConfigDef definition() {
        return DEFINITION;
    }

    /** The settings as text for {@code --help}: key, environment variable, default, valid values, doc. */
    public static String helpText() {
        StringBuilder text = new StringBuilder();
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            text.append(String.format("  %s  (env %s)%n", key.name, ConfigSources.environmentVariable(key.name)));
            text.append(String.format("      default: %s%s%n", displayDefault(key),
                    key.validator == null ? "" : "; valid: " + key.validator));
            text.append(String.format("      %s%n", key.documentation));
        }
        text.append(String.format("  %s<client setting>  (env WENLIU_KAFKA_<CLIENT_SETTING>)%n", KAFKA_PREFIX));
        text.append(String.format("      Any Kafka client or Streams setting, passed through with the prefix stripped,%n"
                + "      e.g. kafka.security.protocol=SASL_SSL or WENLIU_KAFKA_SASL_MECHANISM=PLAIN.%n"));
        return text.toString();
    }

    /** The settings as a Markdown table, for the README. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| Setting | Environment variable | Default | Valid values | Description |\n"
                + "|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            String defaultValue = displayDefault(key);
            table.append(String.format("| `%s` | `%s` | %s | %s | %s |%n", key.name,
                    ConfigSources.environmentVariable(key.name),
                    defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`",
                    key.validator != null ? key.validator.toString() : key.type == Type.BOOLEAN ? "true, false" : "",
                    key.documentation.replace("|", "\\|").replace("<", "&lt;")));
        }
        table.append(String.format("| `%s<name>` | `WENLIU_KAFKA_<NAME>` | | | Any Kafka client or Streams setting "
                + "`<name>`, passed through (security, SASL, TLS, timeouts, tuning). |%n", KAFKA_PREFIX));
        return table.toString();
    }

    private static String displayDefault(ConfigDef.ConfigKey key) {
        Object value = key.defaultValue;
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Object::toString).toList());
        }
        return String.valueOf(value);
    }

    public String bootstrapServers() {
        return String.join(",", getList(BOOTSTRAP_SERVERS_CONFIG));
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    public BatchSettings batch() {
        return new BatchSettings(getInt(BATCH_MAX_SIZE_CONFIG), Duration.ofMillis(getLong(BATCH_MAX_WAIT_MS_CONFIG)));
    }

    public TopologySettings topology() {
        return new TopologySettings(getString(TOPIC_INPUT_CONFIG), getString(TOPIC_ENRICHED_CONFIG),
                getString(TOPIC_DEAD_LETTERS_CONFIG), getInt(TEXT_MAX_CHARS_CONFIG), batch(),
                getString(TOPIC_ENTITIES_CONFIG), limits());
    }

    /** The record limits; a ConfigException when they contradict each other. */
    public RecordLimits limits() {
        try {
            return new RecordLimits(getInt(RECORD_MAX_BYTES_CONFIG), getInt(OUTPUT_MAX_BYTES_CONFIG),
                    getInt(ID_MAX_BYTES_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(RECORD_MAX_BYTES_CONFIG, getInt(RECORD_MAX_BYTES_CONFIG), e.getMessage()
                    + " (" + ID_MAX_BYTES_CONFIG + " < " + RECORD_MAX_BYTES_CONFIG + " <= " + OUTPUT_MAX_BYTES_CONFIG
                    + ")");
        }
    }

    public ModelSettings models() {
        String dictionary = getString(MODELS_USER_DICTIONARY_CONFIG);
        return new ModelSettings(Path.of(getString(MODELS_DIR_CONFIG)), getString(MODELS_DEVICE_CONFIG),
                dictionary.isBlank() ? null : Path.of(dictionary), getInt(BATCH_MAX_SIZE_CONFIG));
    }

    /** The tasks the operator deploys ({@link #MODELS_TASKS_CONFIG}). */
    public Set<ModelTask> modelTasks() {
        return ModelTask.parse(getList(MODELS_TASKS_CONFIG));
    }

    /**
     * The similarity index's settings. The minimum score and the near-duplicate threshold are the
     * configured ones or, where empty, what the deployed similarity model suggests ({@code model}).
     */
    public SimilaritySettings similarity(SimilaritySettings.ModelScores model) {
        return new SimilaritySettings(getInt(SIMILARITY_LSH_BANDS_CONFIG), getInt(SIMILARITY_LSH_ROWS_CONFIG),
                getLong(SIMILARITY_LSH_SEED_CONFIG), getInt(SIMILARITY_TOP_K_CONFIG),
                cosine(SIMILARITY_MIN_SCORE_CONFIG, model.minScore()),
                cosine(SIMILARITY_NEAR_DUPLICATE_THRESHOLD_CONFIG, model.nearDuplicateThreshold()),
                Duration.ofMillis(getLong(SIMILARITY_RETENTION_MAX_AGE_MS_CONFIG)),
                getInt(SIMILARITY_RETENTION_MAX_DOCUMENTS_CONFIG), getInt(SIMILARITY_MAX_BUCKET_SIZE_CONFIG),
                getBoolean(SIMILARITY_INCLUDE_EMBEDDING_CONFIG), similarTopic(), indexShards());
    }

    private int indexShards() {
        String configured = getString(SIMILARITY_INDEX_SHARDS_CONFIG);
        return configured.isBlank() ? topicPartitions() : Integer.parseInt(configured.trim());
    }

    private float cosine(String name, float modelValue) {
        String configured = getString(name);
        return configured.isEmpty() ? modelValue : Float.parseFloat(configured);
    }

    /** The dictionary topic and new-word discovery. */
    public WordsSettings words() {
        String autoAccept = getString(WORDS_AUTO_ACCEPT_SCORE_CONFIG);
        return new WordsSettings(getString(TOPIC_DICTIONARY_CONFIG), getString(TOPIC_WORD_CANDIDATES_CONFIG),
                getBoolean(WORDS_DISCOVERY_ENABLED_CONFIG), getInt(WORDS_WINDOW_DOCUMENTS_CONFIG),
                Duration.ofMillis(getLong(WORDS_PUBLISH_INTERVAL_MS_CONFIG)), getInt(WORDS_TOP_CANDIDATES_CONFIG),
                autoAccept.isEmpty() ? null : Double.valueOf(autoAccept), DiscoverySettings.defaults());
    }

    /** The topics to create compacted: entries keyed by word, of which only the latest counts. */
    public List<String> compactedTopics() {
        return List.of(getString(TOPIC_DICTIONARY_CONFIG), getString(TOPIC_WORD_CANDIDATES_CONFIG));
    }

    /** The similarity index's facet topic of {@code SimilarityLink}s. */
    public String similarTopic() {
        return getString(TOPIC_SIMILAR_CONFIG);
    }

    /**
     * Every topic Wenliu reads or writes, input first, each once: what {@code wenliu.topics.create}
     * and the in-process commands create. The facets are there even while their model is not
     * deployed, so deploying it later needs no new topic.
     */
    public List<String> topics() {
        TopologySettings topology = topology();
        return Stream.of(topology.inputTopic(), topology.enrichedTopic(), topology.deadLetterTopic(),
                topology.entitiesTopic(), similarTopic(), getString(TOPIC_DICTIONARY_CONFIG),
                getString(TOPIC_WORD_CANDIDATES_CONFIG)).distinct().toList();
    }

    /** Whether to create missing topics at start-up, with {@link #topicPartitions()} and {@link #topicReplicationFactor()}. */
    public boolean createTopics() {
        return getBoolean(TOPICS_CREATE_CONFIG);
    }

    public int topicPartitions() {
        return getInt(TOPICS_PARTITIONS_CONFIG);
    }

    /** Empty: the broker's default. */
    public Optional<Short> topicReplicationFactor() {
        short factor = getShort(TOPICS_REPLICATION_FACTOR_CONFIG);
        return factor < 0 ? Optional.empty() : Optional.of(factor);
    }

    /** Empty when the Prometheus endpoint is off. */
    public Optional<Integer> metricsPort() {
        int port = getInt(METRICS_PORT_CONFIG);
        return port == 0 ? Optional.empty() : Optional.of(port);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS_CONFIG));
    }

    /** The {@code kafka.*} settings with the prefix stripped, in key order. */
    public Map<String, Object> kafkaClientSettings() {
        return Collections.unmodifiableMap(new TreeMap<>(originalsWithPrefix(KAFKA_PREFIX, true)));
    }

    /**
     * Settings for plain producers, consumers and admin clients (the CLI's produce and consume):
     * the bootstrap servers and every {@code kafka.*} setting.
     */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new LinkedHashMap<>(kafkaClientSettings());
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return settings;
    }

    /**
     * The Kafka Streams configuration: the topology's recommended settings (exactly-once, handlers),
     * then the {@code kafka.*} settings, then what Wenliu owns (servers, application id, threads,
     * state directory).
     */
    public Properties streamsProperties() {
        Properties properties = WenliuTopology.recommendedStreamsConfig(topology());
        properties.putAll(kafkaClientSettings());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(STREAM_THREADS_CONFIG));
        String stateDir = getString(STATE_DIR_CONFIG);
        if (!stateDir.isBlank()) {
            properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        return properties;
    }

    /** A non-empty list of host:port. */
    private static final class BootstrapServers implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> servers = (List<?>) value;
            if (servers == null || servers.isEmpty()) {
                throw new ConfigException(name, value, "at least one host:port is required");
            }
            for (Object server : servers) {
                if (!server.toString().matches(".+:\\d+")) {
                    throw new ConfigException(name, value, "'" + server + "' is not host:port");
                }
            }
        }

        @Override
        public String toString() {
            return "host:port[,host:port...]";
        }
    }

    /** Known task names, part of speech only with segmentation ({@link ModelTask#parse}). */
    private static final class ModelTasks implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked") // Type.LIST values are lists of strings
        public void ensureValid(String name, Object value) {
            try {
                ModelTask.parse((List<String>) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a list of " + String.join(", ", ModelTask.names(ModelTask.all()));
        }
    }

    /** Valid replication factors: -1 (broker default) or at least 1. */
    private static final class ReplicationFactor implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            short factor = (Short) value;
            if (factor != -1 && factor < 1) {
                throw new ConfigException(name, value, "must be -1 (the broker's default) or at least 1");
            }
        }

        @Override
        public String toString() {
            return "-1 or [1,...]";
        }
    }

    /** Empty (no value) or a cosine in [-1, 1]. */
    private static final class OptionalScore implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = ((String) value).strip();
            try {
                if (!text.isEmpty() && !(Double.parseDouble(text) > 0)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new ConfigException(name, value, "must be empty (never) or a positive score");
            }
        }

        @Override
        public String toString() {
            return "empty or a positive number";
        }
    }

    /** Empty or a whole number from 1 to 10,000. */
    private static final class OptionalCount implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            try {
                int count = Integer.parseInt(text);
                if (count >= 1 && count <= 10_000) {
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name, value, "must be empty or a whole number from 1 to 10000");
        }

        @Override
        public String toString() {
            return "empty or [1,...,10000]";
        }
    }

    private static final class OptionalCosine implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!("".equals(value) || value instanceof String text && isCosine(text))) {
                throw new ConfigException(name, value, "must be empty or a cosine in [-1, 1]");
            }
        }

        private static boolean isCosine(String text) {
            try {
                double cosine = Double.parseDouble(text);
                return cosine >= -1 && cosine <= 1;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "empty or [-1,...,1]";
        }
    }

    /** cpu, gpu or gpu:N, as {@link ModelSettings} accepts. */
    private static final class Device implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String device = (String) value;
            if (device == null || !(device.equals("cpu") || device.matches("gpu(:\\d+)?"))) {
                throw new ConfigException(name, value, "must be cpu, gpu or gpu:N");
            }
        }

        @Override
        public String toString() {
            return "cpu, gpu, gpu:N";
        }
    }
}
