package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.it.broker.TestKafka;
import io.wenliu.app.runtime.StreamsRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingTopicsIT {

    @TempDir
    Path work;

    @Test
    void shouldNameTheTopicsToCreateInsteadOfStartingWithoutThem() throws Exception {
        try (TestKafka.Broker broker = TestKafka.start()) {
            WenliuConfig config = new WenliuConfig(Map.of(
                    WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    WenliuConfig.APPLICATION_ID_CONFIG, "wenliu-missing-topics-it",
                    WenliuConfig.STATE_DIR_CONFIG, work.resolve("state").toString(),
                    WenliuConfig.MODELS_DIR_CONFIG, work.resolve("no-models").toString()));
            TestTopics.create(broker.bootstrapServers(), Map.of(config.topology().inputTopic(), 1));

            assertThatThrownBy(() -> StreamsRunner.start(config).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Missing topics")
                    .hasMessageContaining("wenliu.dictionary")
                    .hasMessageNotContaining("wenliu.documents,")
                    .hasMessageContaining("cleanup.policy=compact")
                    .hasMessageContaining("wenliu.topics.create=true");
        }
    }
}
