package io.wenliu.topology.testing;

import io.wenliu.serdes.Topics;
import io.wenliu.topology.TopologySettings;
import io.wenliu.topology.WenliuTopology;
import io.wenliu.topology.batch.BatchSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Settings for tests: default topics, small limits so that boundaries are cheap to reach. */
public final class TestSettings {
    /** Longest accepted text in tests. */
    public static final int MAX_TEXT_CHARS = 100;
    /** Batches of three documents or one second. */
    public static final BatchSettings BATCH = new BatchSettings(3, Duration.ofSeconds(1));

    private TestSettings() {
    }

    public static TopologySettings topology() {
        return topology(BATCH);
    }

    public static TopologySettings topology(BatchSettings batch) {
        return new TopologySettings(Topics.DOCUMENTS, Topics.ENRICHED, Topics.DEAD_LETTERS, MAX_TEXT_CHARS, batch);
    }

    /** {@link WenliuTopology#recommendedStreamsConfig()} plus an application id and a fresh state directory. */
    public static Properties streamsProperties() {
        Properties properties = WenliuTopology.recommendedStreamsConfig();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "wenliu-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            // java.io.tmpdir is the module's build directory under Maven
            properties.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("wenliu-streams").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
