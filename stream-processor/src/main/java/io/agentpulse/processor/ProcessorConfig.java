package io.agentpulse.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stream processor's one typed configuration. Every field has a default and an AGENTPULSE_*
 * variable (see RATIONALE.md); a bad value fails fast with a sentence naming variable and value.
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
        String registryUrl) {

    public ProcessorConfig {
        if (granularities.isEmpty()) {
            throw new IllegalArgumentException("AGENTPULSE_PROCESSOR_GRANULARITIES must name at least one of 1m, 1h, 1d.");
        }
        granularities = List.copyOf(EnumSet.copyOf(granularities)); // sorted finest first, no repeats
        if (grace.isNegative() || dedupHorizon.isNegative() || futureBound.isNegative()) {
            throw new IllegalArgumentException("Grace, dedup horizon and future bound must not be negative.");
        }
        if (emitInterval.toMillis() < 10) {
            throw new IllegalArgumentException("AGENTPULSE_PROCESSOR_EMIT_INTERVAL must be at least 10 ms, got " + emitInterval + ".");
        }
    }

    /** The finest configured granularity: it decides whether an event is late. */
    public Granularity finest() {
        return granularities.get(0);
    }

    public static ProcessorConfig defaults() {
        return fromEnv(Map.of());
    }

    public static ProcessorConfig fromEnv(Map<String, String> env) {
        Reader r = new Reader(env);
        return new ProcessorConfig(
                r.string("AGENTPULSE_KAFKA_BOOTSTRAP", "localhost:9092"),
                r.string("AGENTPULSE_PROCESSOR_APPLICATION_ID", "agentpulse-processor"),
                Path.of(r.string("AGENTPULSE_PROCESSOR_STATE_DIR", System.getProperty("java.io.tmpdir") + "/agentpulse-streams")),
                r.duration("AGENTPULSE_PROCESSOR_GRACE", "PT30S"),
                r.duration("AGENTPULSE_PROCESSOR_DEDUP_HORIZON", "PT15M"),
                r.duration("AGENTPULSE_PROCESSOR_FUTURE_BOUND", "PT5M"),
                r.duration("AGENTPULSE_PROCESSOR_EMIT_INTERVAL", "PT1S"),
                r.parse("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m", "a comma-separated list of 1m, 1h, 1d", ProcessorConfig::granularities),
                Optional.ofNullable(env.get("AGENTPULSE_PRICE_CATALOG")).filter(s -> !s.isBlank()).map(Path::of),
                r.string("AGENTPULSE_DB_URL", "jdbc:postgresql://localhost:5432/agentpulse"),
                r.string("AGENTPULSE_DB_USER", "agentpulse"),
                r.string("AGENTPULSE_DB_PASSWORD", "agentpulse"),
                r.parse("AGENTPULSE_KAFKA_PARTITIONS", "3", "a positive integer", s -> positive(Integer.parseInt(s))),
                r.parse("AGENTPULSE_KAFKA_REPLICATION", "1", "a positive integer", s -> (short) positive(Short.parseShort(s))),
                r.parse("AGENTPULSE_PROCESSOR_THREADS", "1", "a positive integer", s -> positive(Integer.parseInt(s))),
                r.parse("AGENTPULSE_PROCESSOR_ROCKSDB_CACHE_MB", "64", "a positive integer", s -> positive(Integer.parseInt(s)) * 1024L * 1024L),
                r.duration("AGENTPULSE_PROCESSOR_COMMIT_INTERVAL", "PT0.2S"),
                r.string("AGENTPULSE_SINK_GROUP_ID", "agentpulse-sink"),
                r.parse("AGENTPULSE_SINK_BATCH_SIZE", "5000", "a positive integer", s -> positive(Integer.parseInt(s))),
                r.parse("AGENTPULSE_PROCESSOR_ADMIN_PORT", "8090", "a port number 0-65535", ProcessorConfig::port),
                r.parse("AGENTPULSE_PROCESSOR_DEDUP_STORE", "rocksdb", "rocksdb or memory", ProcessorConfig::inMemory),
                r.string("AGENTPULSE_REGISTRY_URL", "http://localhost:8081"));
    }

    private static List<Granularity> granularities(String s) {
        List<Granularity> out = new ArrayList<>();
        for (String part : s.split(",")) {
            out.add(Granularity.ofLabel(part));
        }
        return out;
    }

    private static boolean inMemory(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "memory" -> true;
            case "rocksdb" -> false;
            default -> throw new IllegalArgumentException("unknown store kind");
        };
    }

    private static int positive(int v) {
        if (v <= 0) {
            throw new NumberFormatException("not positive");
        }
        return v;
    }

    private static int port(String s) {
        int p = Integer.parseInt(s.trim());
        if (p < 0 || p > 65535) {
            throw new NumberFormatException("out of range");
        }
        return p;
    }

    /** Reads one variable with a default; wraps parse failures into a full-sentence error. */
    private record Reader(Map<String, String> env) {
        String string(String name, String def) {
            String v = env.get(name);
            return v == null || v.isBlank() ? def : v.trim();
        }

        Duration duration(String name, String def) {
            return parse(name, def, "an ISO-8601 duration (PT30S) or a number of milliseconds", Reader::toDuration);
        }

        <T> T parse(String name, String def, String expected, Function<String, T> f) {
            String v = string(name, def);
            try {
                return f.apply(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " is '" + v + "' but must be " + expected + ".", e);
            }
        }

        private static Duration toDuration(String v) {
            if (v.chars().allMatch(Character::isDigit)) {
                return Duration.ofMillis(Long.parseLong(v));
            }
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
