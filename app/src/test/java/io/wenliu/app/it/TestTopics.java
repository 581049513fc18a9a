package io.wenliu.app.it;

import io.wenliu.app.config.WenliuConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

/** Creates the topics an integration test needs on whichever broker {@code TestKafka} gave it. */
final class TestTopics {
    private TestTopics() {
    }

    /**
     * Creates every topic of {@code config} that does not exist yet, as a deployment provisions them:
     * {@code partitions} each, the compacted ones (dictionary, word candidates) compacted with one.
     * Returns once the broker lists every topic of {@code config}.
     */
    static void createMissing(WenliuConfig config, int partitions) throws Exception {
        try (Admin admin = Admin.create(config.clientSettings())) {
            // a topic the test has just created may not be listed yet: a second creation is harmless
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> topics = config.topics().stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> config.compactedTopics().contains(topic)
                            ? new NewTopic(topic, 1, (short) 1).configs(
                                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                            : new NewTopic(topic, partitions, (short) 1))
                    .toList();
            create(admin, topics);
        }
    }

    static void create(String bootstrapServers, Map<String, Integer> partitionsByTopic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            create(admin, partitionsByTopic.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList());
        }
    }

    /**
     * Creates {@code topics} (one that already exists is left as it is) and waits until the broker lists them: the
     * controller acknowledges a creation before every broker's metadata has it, and the service checks the list
     * when it starts.
     */
    private static void create(Admin admin, List<NewTopic> topics) throws Exception {
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
            try {
                created.getValue().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Set<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toSet());
        Awaitility.await("the broker lists " + names).atMost(Duration.ofSeconds(60))
                .until(() -> admin.listTopics().names().get(60, TimeUnit.SECONDS).containsAll(names));
    }
}
