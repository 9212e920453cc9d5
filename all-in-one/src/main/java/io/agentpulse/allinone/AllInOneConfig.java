package io.agentpulse.allinone;

import io.agentpulse.ops.Env;
import io.agentpulse.schemas.registry.RegistrySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the embedded default. Each service keeps its own typed config; this one says where
 * the embedded servers live, and hands every service the same environment with the addresses of
 * the embedded broker, registry and database filled in.
 *
 * @param dataDir        everything persistent (broker log, database, registry); survives restarts
 * @param kafkaPort      the embedded broker's port on 127.0.0.1 (0 = any free port)
 * @param registryPort   the embedded schema registry's port (0 = any free port)
 * @param postgresPort   the embedded PostgreSQL's port (0 = any free port)
 * @param partitions     partitions of each topic the all-in-one creates
 * @param demo           whether the demo fleet runs
 * @param demoAgents     how many demo agents
 * @param demoRate       calls per second per demo agent
 * @param brokerHeapMb   heap of the child broker JVM, MiB
 */
public record AllInOneConfig(Path dataDir, int kafkaPort, int registryPort, int postgresPort, int partitions,
                             boolean demo, int demoAgents, double demoRate, int brokerHeapMb,
                             Map<String, String> env) {

    public static AllInOneConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new AllInOneConfig(
                e.path("AGENTPULSE_DATA_DIR", Path.of("data")),
                e.integer("AGENTPULSE_KAFKA_PORT", 9092, 0, 65535),
                e.integer("AGENTPULSE_REGISTRY_PORT", 8081, 0, 65535),
                e.integer("AGENTPULSE_PG_PORT", 5433, 0, 65535),
                e.integer("AGENTPULSE_KAFKA_PARTITIONS", 3, 1, 1024),
                e.bool("AGENTPULSE_DEMO", true),
                e.integer("AGENTPULSE_DEMO_AGENTS", 50, 0, 100_000),
                e.decimal("AGENTPULSE_DEMO_RATE", 1.0, 0.001, 10_000),
                e.integer("AGENTPULSE_BROKER_HEAP_MB", 512, 128, 65536),
                Map.copyOf(env));
    }

    /** Command-line flags win over the environment: --demo-agents N, --no-demo, --data-dir D. */
    public static AllInOneConfig fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-demo" -> merged.put("AGENTPULSE_DEMO", "false");
                case "--demo-agents" -> merged.put("AGENTPULSE_DEMO_AGENTS", value(args, ++i));
                case "--data-dir" -> merged.put("AGENTPULSE_DATA_DIR", value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown option '" + args[i]
                        + "'; the all-in-one takes --demo-agents N, --no-demo and --data-dir DIR.");
            }
        }
        return fromEnv(merged);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("The option '" + args[i - 1] + "' needs a value after it.");
        }
        return args[i];
    }

    /** The environment each service reads, with the embedded servers' addresses filled in. */
    Map<String, String> serviceEnv(String bootstrap, String registryUrl, String jdbcUrl, String user, String password) {
        Map<String, String> m = new HashMap<>(env);
        m.put("AGENTPULSE_KAFKA_BOOTSTRAP", bootstrap);
        m.put(RegistrySettings.URL, registryUrl);
        // The embedded registry is open on loopback: credentials or a CA meant for an external one
        // would only be sent to it (or, a CA with its http URL, refused at start).
        m.remove(RegistrySettings.USER_INFO);
        m.remove(RegistrySettings.CA_FILE);
        m.put("AGENTPULSE_DB_URL", jdbcUrl);
        m.put("AGENTPULSE_DB_USER", user);
        m.put("AGENTPULSE_DB_PASSWORD", password);
        m.putIfAbsent("AGENTPULSE_PROCESSOR_STATE_DIR", dataDir.resolve("streams").toString());
        // Hour and day rollups are written live, so the planner may read them: a year-long chart
        // then reads a few hundred rows per series instead of half a million minute rows.
        m.putIfAbsent("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,5m,1h,1d,1w,4w");
        m.putIfAbsent("AGENTPULSE_QUERY_FILLED_TABLES", "1m,5m,1h,1d,1w,4w");
        return m;
    }
}
