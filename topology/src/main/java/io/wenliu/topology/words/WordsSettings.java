package io.wenliu.topology.words;

import io.wenliu.models.discover.DiscoverySettings;
import io.wenliu.serdes.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * New-word discovery in the stream and the dictionary topic. Built by the app from its configuration.
 *
 * @param dictionaryTopic   compacted topic of {@code DictionaryEntry}s every instance applies
 * @param candidatesTopic   compacted topic the {@code DiscoveredWord}s go to
 * @param discoveryEnabled  whether the stream counts words at all
 * @param windowDocuments   recent documents each input partition keeps for discovery (the memory bound)
 * @param publishInterval   how often each partition rescores its window and publishes its candidates
 * @param topCandidates     most candidates each partition publishes per interval
 * @param autoAcceptScore   score at or above which a candidate enters the dictionary by itself; null: never
 * @param discovery         the scorer's thresholds
 */
public record WordsSettings(String dictionaryTopic, String candidatesTopic, boolean discoveryEnabled,
                            int windowDocuments, Duration publishInterval, int topCandidates, Double autoAcceptScore,
                            DiscoverySettings discovery) {
    public WordsSettings {
        Objects.requireNonNull(dictionaryTopic, "dictionaryTopic");
        Objects.requireNonNull(candidatesTopic, "candidatesTopic");
        Objects.requireNonNull(publishInterval, "publishInterval");
        Objects.requireNonNull(discovery, "discovery");
        if (windowDocuments < 1 || topCandidates < 1) {
            throw new IllegalArgumentException("windowDocuments and topCandidates must be at least 1");
        }
    }

    /** The default topics, discovery on over 2,000 documents per partition, published every 5 minutes. */
    public static WordsSettings defaults() {
        return new WordsSettings(Topics.DICTIONARY, Topics.WORD_CANDIDATES, true, 2_000, Duration.ofMinutes(5),
                200, null, DiscoverySettings.defaults());
    }
}
