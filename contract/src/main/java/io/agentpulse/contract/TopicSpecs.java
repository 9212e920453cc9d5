package io.agentpulse.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * How each topic of {@link Topics} is created. Retention is left to the broker's defaults except
 * where a topic's meaning demands otherwise: alert rules are a table (compacted, kept forever).
 */
public final class TopicSpecs {
    /** How long {@link #ensure} waits for the broker, in seconds. */
    private static final long TIMEOUT_SECONDS = 60;

    private TopicSpecs() {}

    /** Every topic with the given partition count and replication factor. */
    public static List<NewTopic> all(int partitions, short replication) {
        if (partitions < 1 || replication < 1) {
            throw new IllegalArgumentException("Topics need at least 1 partition and a replication factor of at least 1, got "
                + partitions + " and " + replication + ".");
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.all()) {
            NewTopic topic = new NewTopic(name, partitions, replication);
            if (Topics.ALERT_RULES.equals(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        }
        return topics;
    }

    /**
     * Creates whichever topics are missing; existing ones are left as they are (their partition
     * counts are not changed). Safe to call from several processes at once.
     */
    public static void ensure(Admin admin, int partitions, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = all(partitions, replication).stream()
                .filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            for (Map.Entry<String, KafkaFuture<Void>> e : admin.createTopics(missing).values().entrySet()) {
                awaitCreated(e.getKey(), e.getValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating the Agent Pulse topics.", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not list the topics on the Kafka cluster within " + TIMEOUT_SECONDS
                + " s: " + e.getMessage(), e);
        }
    }

    private static void awaitCreated(String name, KafkaFuture<Void> future)
        throws InterruptedException, TimeoutException {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("Could not create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
