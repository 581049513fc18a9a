package io.wenliu.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameEnvironmentVariablesAfterTheirKeys() {
        assertThat(ConfigSources.environmentVariable("wenliu.batch.max.size")).isEqualTo("WENLIU_BATCH_MAX_SIZE");
        assertThat(ConfigSources.environmentVariable("wenliu.topic.dead.letters")).isEqualTo("WENLIU_TOPIC_DEAD_LETTERS");
    }

    @Test
    void shouldMapWenliuAndKafkaVariablesAndIgnoreOthers() {
        Map<String, String> values = ConfigSources.fromEnvironment(Map.of(
                "WENLIU_BATCH_MAX_SIZE", "16",
                "WENLIU_KAFKA_SASL_MECHANISM", "PLAIN",
                "WENLIU_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/ssl/ts.jks",
                "WENLIU_DATASETS_DIR", "/data",
                "WENLIU_BATCH_MAXSIZE", "typo",
                "PATH", "/usr/bin"));

        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(
                "wenliu.batch.max.size", "16",
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.ssl.truststore.location", "/etc/ssl/ts.jks"));
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFileAndOverridesTheEnvironment() throws IOException {
        Path file = dir.resolve("wenliu.properties");
        Files.writeString(file, """
                # comments are allowed
                wenliu.application.id = 文流-test
                wenliu.batch.max.size=8
                wenliu.stream.threads=2
                kafka.security.protocol=SSL
                """, StandardCharsets.UTF_8);

        WenliuConfig config = ConfigSources.load(file,
                Map.of("WENLIU_BATCH_MAX_SIZE", "16", "WENLIU_STREAM_THREADS", "3"),
                Map.of(WenliuConfig.STREAM_THREADS_CONFIG, "4"));

        assertThat(config.applicationId()).isEqualTo("文流-test");
        assertThat(config.batch().maxSize()).isEqualTo(16);
        assertThat(config.getInt(WenliuConfig.STREAM_THREADS_CONFIG)).isEqualTo(4);
        assertThat(config.kafkaClientSettings()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldPutDefaultsUnderEverySource() {
        WenliuConfig config = ConfigSources.load(Map.of(WenliuConfig.APPLICATION_ID_CONFIG, "wenliu-demo",
                        WenliuConfig.BATCH_MAX_SIZE_CONFIG, "4"), null,
                Map.of("WENLIU_BATCH_MAX_SIZE", "16"), Map.of());

        assertThat(config.applicationId()).isEqualTo("wenliu-demo");
        assertThat(config.batch().maxSize()).isEqualTo(16);
    }

    @Test
    void shouldSayWhichFileIsMissing() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigSources.load(missing, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
    }

    @Test
    void shouldAcceptTheShippedExampleFile() {
        Path example = Path.of(System.getProperty("wenliu.repo.dir", ".."), "config/wenliu.properties");
        WenliuConfig config = ConfigSources.load(example, Map.of(), Map.of());
        assertThat(config.bootstrapServers()).isNotBlank();
    }
}
