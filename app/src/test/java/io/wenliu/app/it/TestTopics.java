package io.wenliu.app.it;

import io.wenliu.app.config.WenliuConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the topics an integration test needs on whichever broker {@code TestKafka} gave it. */
final class TestTopics {
    private TestTopics() {
    }

    /**
     * Creates every topic of {@code config} that does not exist yet, as a deployment provisions them:
     * {@code partitions} each, the compacted ones (dictionary, word candidates) compacted with one.
     */
    static void createMissing(WenliuConfig config, int partitions) throws Exception {
        try (Admin admin = Admin.create(config.clientSettings())) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> topics = config.topics().stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> config.compactedTopics().contains(topic)
                            ? new NewTopic(topic, 1, (short) 1).configs(
                                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                            : new NewTopic(topic, partitions, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    static void create(String bootstrapServers, Map<String, Integer> partitionsByTopic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }
}
