package io.agentpulse.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the shared test infrastructure, read from {@code AGENTPULSE_EMBEDDED_*} variables.
 *
 * @param dir               where the shared broker and database keep their data; empty = a new
 *                          temp folder, deleted at exit
 * @param kafkaHeap         the broker JVM's -Xmx
 * @param kafkaStartTimeout bound on the broker's start
 * @param pgStartTimeout    bound on PostgreSQL's start
 * @param pgDurable         fsync on or off (off is safe against a process kill, not an OS crash)
 * @param topicPartitions   partitions of topics made by {@code createTopics(String...)}
 */
public record EmbeddedConfig(Optional<Path> dir, String kafkaHeap, Duration kafkaStartTimeout,
                             Duration pgStartTimeout, boolean pgDurable, int topicPartitions) {
    static final String DIR = "AGENTPULSE_EMBEDDED_DIR";
    static final String KAFKA_HEAP = "AGENTPULSE_EMBEDDED_KAFKA_HEAP";
    static final String KAFKA_START_TIMEOUT = "AGENTPULSE_EMBEDDED_KAFKA_START_TIMEOUT_SECONDS";
    static final String PG_START_TIMEOUT = "AGENTPULSE_EMBEDDED_PG_START_TIMEOUT_SECONDS";
    static final String PG_DURABLE = "AGENTPULSE_EMBEDDED_PG_DURABLE";
    static final String TOPIC_PARTITIONS = "AGENTPULSE_EMBEDDED_TOPIC_PARTITIONS";

    public EmbeddedConfig {
        new KafkaOptions(kafkaHeap, kafkaStartTimeout, "WARN", Map.of(), java.util.List.of(), KafkaOptions.TRANSACTION_VERSION);
        if (topicPartitions < 1 || topicPartitions > 1000) {
            throw new IllegalArgumentException("The default topic partition count must be 1-1000, but was "
                    + topicPartitions + ".");
        }
    }

    /** Reads the variables; a bad value throws IllegalArgumentException naming it. */
    public static EmbeddedConfig fromEnv(Map<String, String> env) {
        String dir = env.getOrDefault(DIR, "").trim();
        String heap = env.getOrDefault(KAFKA_HEAP, "512m").trim();
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException(KAFKA_HEAP + " must be a JVM heap size such as 512m or 1g, but was '"
                    + heap + "'.");
        }
        return new EmbeddedConfig(dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir)), heap,
                Duration.ofSeconds(integer(env, KAFKA_START_TIMEOUT, 90, 1, 3600)),
                Duration.ofSeconds(integer(env, PG_START_TIMEOUT, 60, 1, 3600)),
                bool(env, PG_DURABLE, false),
                integer(env, TOPIC_PARTITIONS, 3, 1, 1000));
    }

    KafkaOptions kafkaOptions() {
        return KafkaOptions.defaults().withMaxHeap(kafkaHeap).withStartTimeout(kafkaStartTimeout);
    }

    PostgresOptions postgresOptions() {
        return PostgresOptions.defaults().withDurable(pgDurable).withStartTimeout(pgStartTimeout);
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Same message as out of range, below.
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                + ", but was '" + raw + "'.");
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, but was '" + raw + "'.");
        };
    }
}
