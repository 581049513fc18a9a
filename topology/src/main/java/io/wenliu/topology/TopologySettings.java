package io.wenliu.topology;

import io.wenliu.serdes.Topics;
import io.wenliu.topology.batch.BatchSettings;
import java.util.Objects;

/**
 * What {@link WenliuTopology} needs to know: its topics, the longest text it accepts and how model
 * stages batch. Built by the app from its configuration (tests build it directly). Immutable.
 *
 * @param inputTopic      topic of {@code Document}s (key: document id, value: Avro single-object bytes)
 * @param enrichedTopic   topic the {@code EnrichedDocument}s go to
 * @param deadLetterTopic topic the {@code DeadLetter}s go to
 * @param maxTextChars    longest accepted text, in UTF-16 code units ({@code String.length()});
 *                        longer texts are dead-lettered with {@code TEXT_TOO_LONG}
 * @param batch           micro-batching of the model stages
 * @param entitiesTopic   facet topic of {@code EntityMention}s: one record per named entity, keyed by document id
 * @param limits          the record sizes and id length every record must stay within
 */
public record TopologySettings(String inputTopic, String enrichedTopic, String deadLetterTopic,
                               int maxTextChars, BatchSettings batch, String entitiesTopic, RecordLimits limits) {
    /** Longest accepted text unless configured otherwise: about 20 pages of Chinese. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 20_000;

    public TopologySettings {
        requireTopic(inputTopic, "inputTopic");
        requireTopic(enrichedTopic, "enrichedTopic");
        requireTopic(deadLetterTopic, "deadLetterTopic");
        requireTopic(entitiesTopic, "entitiesTopic");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(limits, "limits");
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be at least 1, got " + maxTextChars);
        }
        if (inputTopic.equals(enrichedTopic) || inputTopic.equals(deadLetterTopic) || inputTopic.equals(entitiesTopic)) {
            throw new IllegalArgumentException("The input topic '" + inputTopic
                    + "' must differ from the output topics, or Wenliu would read its own output");
        }
    }

    /** Settings with the default entities topic ({@link Topics#ENTITIES}). */
    public TopologySettings(String inputTopic, String enrichedTopic, String deadLetterTopic, int maxTextChars,
                            BatchSettings batch) {
        this(inputTopic, enrichedTopic, deadLetterTopic, maxTextChars, batch, Topics.ENTITIES);
    }

    /** Settings with {@link RecordLimits#defaults()}. */
    public TopologySettings(String inputTopic, String enrichedTopic, String deadLetterTopic, int maxTextChars,
                            BatchSettings batch, String entitiesTopic) {
        this(inputTopic, enrichedTopic, deadLetterTopic, maxTextChars, batch, entitiesTopic, RecordLimits.defaults());
    }

    /** The default topics ({@link Topics}), {@link #DEFAULT_MAX_TEXT_CHARS} and default batching. */
    public static TopologySettings defaults() {
        return new TopologySettings(Topics.DOCUMENTS, Topics.ENRICHED, Topics.DEAD_LETTERS,
                DEFAULT_MAX_TEXT_CHARS, BatchSettings.defaults(), Topics.ENTITIES, RecordLimits.defaults());
    }

    /** These settings with another entities facet topic. */
    public TopologySettings withEntitiesTopic(String topic) {
        return new TopologySettings(inputTopic, enrichedTopic, deadLetterTopic, maxTextChars, batch, topic, limits);
    }

    /** These settings with other record limits. */
    public TopologySettings withLimits(RecordLimits newLimits) {
        return new TopologySettings(inputTopic, enrichedTopic, deadLetterTopic, maxTextChars, batch, entitiesTopic,
                newLimits);
    }

    private static void requireTopic(String topic, String name) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(name + " must be a topic name, got '" + topic + "'");
        }
    }
}
