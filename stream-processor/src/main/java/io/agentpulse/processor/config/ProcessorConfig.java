package io.agentpulse.processor.config;

import io.agentpulse.contract.Granularity;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.ops.KafkaSecurity;
import io.agentpulse.ops.PgUrl;
import io.agentpulse.ops.Settings;
import io.agentpulse.processor.alert.AlertConfig;
import io.agentpulse.processor.calls.AgentCallConfig;
import io.agentpulse.processor.hosts.HostRollupConfig;
import io.agentpulse.processor.retention.RetentionConfig;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.registry.RegistrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stream processor's one typed configuration, built once in its *Main (or the all-in-one) from the
 * environment and AGENTPULSE_CONFIG_FILE alike, with its retention and alert parts. Every field has a
 * default and an AGENTPULSE_* variable (README settings table); a bad value fails fast with a sentence
 * naming variable and value.
 *
 * @param standbyReplicas Kafka Streams {@code num.standby.replicas}
 * @param sessionTimeout  the Streams consumers' {@code session.timeout.ms}
 * @param kafkaSecurity   SASL/TLS client properties of an external cluster ({@link KafkaSecurity}), empty = PLAINTEXT
 * @param alerts          alert evaluation, history and notification
 * @param hosts           the host rollup job (heartbeats into host_rollup_*, host alert rules)
 * @param dimensions      what rollups are sliced by (AGENTPULSE_DIMENSIONS, docs/CONTRACTS.md "Dimensions")
 * @param budgetEvery     how often the budget job evaluates the budget rules over the rollup tables (AGENTPULSE_BUDGET_EVERY)
 */
public record ProcessorConfig(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        Duration grace,
        Duration dedupHorizon,
        Duration futureBound,
        Duration emitInterval,
        List<Granularity> granularities,
        Optional<Path> priceCatalogPath,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int partitions,
        short replication,
        int streamThreads,
        long rocksDbCacheBytes,
        Duration commitInterval,
        String sinkGroupId,
        int sinkBatchSize,
        int adminPort,
        boolean dedupInMemory,
        RegistrySettings registry,
        int maxAgents,
        int maxModels,
        int maxOperations,
        RetentionConfig retention,
        Duration lateness,
        boolean rollupStoreInMemory,
        Duration seriesEmitInterval,
        int standbyReplicas,
        Duration sessionTimeout,
        KafkaSecurity kafkaSecurity,
        AlertConfig alerts,
        HostRollupConfig hosts,
        AgentCallConfig calls,
        Dimensions dimensions,
        Duration budgetEvery) {

    public ProcessorConfig {
        if (granularities.isEmpty()) {
            throw new ConfigException("AGENTPULSE_PROCESSOR_GRANULARITIES", "AGENTPULSE_PROCESSOR_GRANULARITIES must name at least one of " + Granularity.LABELS + ".");
        }
        granularities = List.copyOf(EnumSet.copyOf(granularities)); // sorted finest first, no repeats
        if (granularities.get(0) != Granularity.MINUTE) {
            throw new ConfigException("AGENTPULSE_PROCESSOR_GRANULARITIES", "AGENTPULSE_PROCESSOR_GRANULARITIES must include 1m: "
                    + "every event is counted in its 1-minute window and coarser windows are merged from those.");
        }
        if (lateness.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("AGENTPULSE_PROCESSOR_LATENESS", "AGENTPULSE_PROCESSOR_LATENESS must be at least 1m, got " + lateness + ".");
        }
        if (!dedupHorizon.isZero() && dedupHorizon.compareTo(lateness) < 0) {
            throw new ConfigException("AGENTPULSE_PROCESSOR_DEDUP_HORIZON", "AGENTPULSE_PROCESSOR_DEDUP_HORIZON (" + dedupHorizon
                    + ") must be 0 or at least AGENTPULSE_PROCESSOR_LATENESS (" + lateness + "): an event accepted late must "
                    + "still be recognised when it is sent or replayed again, or it would be counted twice.");
        }
        if (emitInterval.toMillis() < 10) {
            throw new ConfigException("AGENTPULSE_PROCESSOR_EMIT_INTERVAL", "AGENTPULSE_PROCESSOR_EMIT_INTERVAL must be at least 10ms, got " + emitInterval + ".");
        }
        if (seriesEmitInterval.compareTo(emitInterval) < 0) {
            throw new ConfigException("AGENTPULSE_PROCESSOR_SERIES_EMIT_INTERVAL", "AGENTPULSE_PROCESSOR_SERIES_EMIT_INTERVAL ("
                    + seriesEmitInterval + ") must be at least AGENTPULSE_PROCESSOR_EMIT_INTERVAL (" + emitInterval + ").");
        }
        if (budgetEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("AGENTPULSE_BUDGET_EVERY", "AGENTPULSE_BUDGET_EVERY must be at least 1s, got " + budgetEvery + ".");
        }
        if (commitInterval.toMillis() < 1) {
            throw new ConfigException("AGENTPULSE_PROCESSOR_COMMIT_INTERVAL", "AGENTPULSE_PROCESSOR_COMMIT_INTERVAL must be at least 1ms, got " + commitInterval + ".");
        }
    }

    /** Every Kafka client of the processor is made here: bootstrap servers plus AGENTPULSE_KAFKA_* security. */
    public KafkaClients kafka() {
        return KafkaClients.of(bootstrapServers, kafkaSecurity);
    }

    /** The finest configured granularity (always 1m: the window every event is counted in). */
    public Granularity finest() {
        return granularities.get(0);
    }

    /** Granularities stage 2 merges closed 1-minute windows into (all configured but 1m). */
    public List<Granularity> coarser() {
        return granularities.subList(1, granularities.size());
    }

    public static ProcessorConfig defaults() {
        return fromEnv(Map.of());
    }

    public static ProcessorConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        return new ProcessorConfig(
                env.string("AGENTPULSE_KAFKA_BOOTSTRAP", "localhost:9092"),
                env.string("AGENTPULSE_PROCESSOR_APPLICATION_ID", "agentpulse-processor"),
                env.path("AGENTPULSE_PROCESSOR_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "agentpulse-streams")),
                env.duration("AGENTPULSE_PROCESSOR_GRACE", Duration.ofSeconds(30)),
                env.duration("AGENTPULSE_PROCESSOR_DEDUP_HORIZON", Duration.ofHours(1)),
                env.duration("AGENTPULSE_PROCESSOR_FUTURE_BOUND", Duration.ofMinutes(5)),
                env.duration("AGENTPULSE_PROCESSOR_EMIT_INTERVAL", Duration.ofSeconds(1)),
                granularities(env.list("AGENTPULSE_PROCESSOR_GRANULARITIES", List.of("1m"))),
                Optional.ofNullable(env.path("AGENTPULSE_PRICE_CATALOG", null)),
                env.string("AGENTPULSE_DB_URL", PgUrl.DEFAULT), // the query API and the gateway default to the same
                env.string("AGENTPULSE_DB_USER", "agentpulse"),
                env.string("AGENTPULSE_DB_PASSWORD", "agentpulse"),
                env.integer("AGENTPULSE_KAFKA_PARTITIONS", 3, 1, 10_000),
                (short) env.integer("AGENTPULSE_KAFKA_REPLICATION", 1, 1, Short.MAX_VALUE),
                env.integer("AGENTPULSE_PROCESSOR_THREADS", 1, 1, 64),
                env.longValue("AGENTPULSE_PROCESSOR_ROCKSDB_CACHE_MB", 64, 8, 1 << 20) << 20,
                env.duration("AGENTPULSE_PROCESSOR_COMMIT_INTERVAL", Duration.ofMillis(200)),
                env.string("AGENTPULSE_SINK_GROUP_ID", "agentpulse-sink"),
                env.integer("AGENTPULSE_SINK_BATCH_SIZE", 5000, 1, 1_000_000),
                env.integer("AGENTPULSE_PROCESSOR_ADMIN_PORT", 8090, 0, 65535),
                storeInMemory("AGENTPULSE_PROCESSOR_DEDUP_STORE", env.string("AGENTPULSE_PROCESSOR_DEDUP_STORE", "rocksdb")),
                RegistrySettings.fromEnv(vars, "http://localhost:8081"),
                env.integer("AGENTPULSE_PROCESSOR_MAX_AGENTS", 10_000, 1, 10_000_000),
                env.integer("AGENTPULSE_PROCESSOR_MAX_MODELS", 500, 1, 1_000_000),
                env.integer("AGENTPULSE_PROCESSOR_MAX_OPERATIONS", 200, 1, 1_000_000),
                RetentionConfig.fromEnv(vars),
                env.duration("AGENTPULSE_PROCESSOR_LATENESS", Duration.ofHours(1)),
                storeInMemory("AGENTPULSE_PROCESSOR_ROLLUP_STORE", env.string("AGENTPULSE_PROCESSOR_ROLLUP_STORE", "rocksdb")),
                env.duration("AGENTPULSE_PROCESSOR_SERIES_EMIT_INTERVAL", Duration.ofSeconds(10)),
                env.integer("AGENTPULSE_PROCESSOR_STANDBY_REPLICAS", 0, 0, 10),
                env.duration("AGENTPULSE_PROCESSOR_SESSION_TIMEOUT", Duration.ofSeconds(45)),
                KafkaSecurity.of(vars),
                AlertConfig.fromEnv(vars),
                HostRollupConfig.fromEnv(vars),
                AgentCallConfig.fromEnv(vars),
                Dimensions.fromEnv(env),
                env.duration("AGENTPULSE_BUDGET_EVERY", Duration.ofSeconds(30)));
    }

    /** The AGENTPULSE_* variables this configuration reads (README settings-table test). */
    public static Set<String> variables() {
        return Settings.namesRead(ProcessorConfig::fromEnv);
    }

    private static List<Granularity> granularities(List<String> labels) {
        List<Granularity> out = new ArrayList<>();
        for (String label : labels) {
            try {
                out.add(Granularity.ofLabel(label));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("AGENTPULSE_PROCESSOR_GRANULARITIES", "AGENTPULSE_PROCESSOR_GRANULARITIES is set to \""
                        + String.join(",", labels) + "\", which is not valid; expected a comma-separated list of " + Granularity.LABELS + ".");
            }
        }
        return out;
    }

    private static boolean storeInMemory(String variable, String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "memory" -> true;
            case "rocksdb" -> false;
            default -> throw new ConfigException(variable, variable + " is set to \""
                    + kind + "\", which is not valid; expected rocksdb or memory.");
        };
    }

    /** The password stays out of logs and exception messages. */
    @Override
    public String toString() {
        return Settings.describeHiding(this, Set.of("dbPassword"));
    }
}
