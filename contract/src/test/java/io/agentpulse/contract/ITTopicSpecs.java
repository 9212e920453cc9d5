package io.agentpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TopicSpecs#ensure} against a real KRaft broker. */
class ITTopicSpecs {
    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;
    private static Admin admin;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void createsMissingTopicsIdempotentlyAndLeavesExistingOnesAlone() throws Exception {
        admin.createTopics(List.of(new NewTopic(Topics.ROLLUPS, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);

        TopicSpecs.ensure(admin, 3, (short) 1);
        TopicSpecs.ensure(admin, 3, (short) 1);

        Map<String, TopicDescription> topics = admin.describeTopics(Topics.all()).allTopicNames().get(60, TimeUnit.SECONDS);
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all());
        assertThat(topics.get(Topics.EVENTS).partitions()).hasSize(3);
        assertThat(topics.get(Topics.ROLLUPS).partitions()).as("pre-existing topic untouched").hasSize(1);
        ConfigResource rules = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERT_RULES);
        Config config = admin.describeConfigs(List.of(rules)).all().get(60, TimeUnit.SECONDS).get(rules);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
}
