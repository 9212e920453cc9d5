package io.agentpulse.embedded;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Topic chores over Admin: idempotent create, and delete-then-create for a clean slate. */
final class KafkaTopics {
    /** How long a deleted topic may take to vanish from the metadata before we give up. */
    private static final Duration DELETE_WAIT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /** Creates each missing topic (replication 1); existing topics are left as they are. */
    static void create(String bootstrap, int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList();
        try (Admin admin = admin(bootstrap)) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create the topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + List.of(names) + ".", e);
        }
    }

    /** Deletes the topics (if present), waits until they are gone, then creates them empty. */
    static void recreate(String bootstrap, int partitions, String... names) {
        try (Admin admin = admin(bootstrap)) {
            try {
                admin.deleteTopics(List.of(names)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Could not delete topics " + List.of(names) + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            awaitGone(admin, Set.of(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while deleting topics " + List.of(names) + ".", e);
        }
        create(bootstrap, partitions, names);
    }

    private static void awaitGone(Admin admin, Set<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + DELETE_WAIT.toNanos();
        while (true) {
            try {
                Set<String> present = admin.listTopics().names().get();
                if (names.stream().noneMatch(present::contains)) {
                    return;
                }
            } catch (ExecutionException e) {
                // Transient; try again until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The topics " + names + " were still listed " + DELETE_WAIT
                        + " after deletion.");
            }
            ProcessTree.pause(Duration.ofMillis(50));
        }
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of("bootstrap.servers", bootstrap));
    }
}
