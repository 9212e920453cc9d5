package io.agentpulse.allinone;

import io.agentpulse.ops.Env;
import io.agentpulse.ops.Settings;
import io.agentpulse.contract.registry.RegistrySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the embedded default, and the typed configuration of every service it runs. All of them
 * are built here, before anything starts, so a bad value of any service fails the start in
 * milliseconds; the services' configurations are built with the embedded servers' planned addresses,
 * then again from the same settings with their actual addresses ({@link #serviceEnv}) once they run
 * (a port may be 0 = any free port).
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
 * @param env            the operator's settings (environment and AGENTPULSE_CONFIG_FILE), command-line flags applied
 * @param services       every service's configuration, validated; addresses are the planned ones
 */
public record AllInOneConfig(Path dataDir, int kafkaPort, int registryPort, int postgresPort, int partitions,
                             boolean demo, int demoAgents, double demoRate, int brokerHeapMb,
                             Map<String, String> env, ServiceConfigs services) {
    /** User, password and database of the embedded PostgreSQL, for the planned address only. */
    private static final String PLANNED_DB = "agentpulse";

    public static AllInOneConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        Path dataDir = e.path("AGENTPULSE_DATA_DIR", Path.of("data"));
        int kafkaPort = e.integer("AGENTPULSE_KAFKA_PORT", 9092, 0, 65535);
        int registryPort = e.integer("AGENTPULSE_REGISTRY_PORT", 8081, 0, 65535);
        int postgresPort = e.integer("AGENTPULSE_PG_PORT", 5433, 0, 65535);
        Map<String, String> planned = serviceEnv(env, dataDir, "127.0.0.1:" + kafkaPort, "http://127.0.0.1:" + registryPort,
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + PLANNED_DB, PLANNED_DB, PLANNED_DB);
        return new AllInOneConfig(dataDir, kafkaPort, registryPort, postgresPort,
                e.integer("AGENTPULSE_KAFKA_PARTITIONS", 3, 1, 1024),
                e.bool("AGENTPULSE_DEMO", true),
                e.integer("AGENTPULSE_DEMO_AGENTS", 50, 0, 100_000),
                e.decimal("AGENTPULSE_DEMO_RATE", 1.0, 0.001, 10_000),
                e.integer("AGENTPULSE_BROKER_HEAP_MB", 512, 128, 65536),
                Map.copyOf(env), ServiceConfigs.build(planned));
    }

    /** The AGENTPULSE_* variables the all-in-one reads: its own and every service's. */
    public static Set<String> variables() {
        Set<String> all = new TreeSet<>(Settings.namesRead(AllInOneConfig::fromEnv));
        all.addAll(ServiceConfigs.variables());
        return all;
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

    /** The settings each service reads, with the embedded servers' addresses filled in. */
    Map<String, String> serviceEnv(String bootstrap, String registryUrl, String jdbcUrl, String user, String password) {
        return serviceEnv(env, dataDir, bootstrap, registryUrl, jdbcUrl, user, password);
    }

    private static Map<String, String> serviceEnv(Map<String, String> env, Path dataDir, String bootstrap,
                                                  String registryUrl, String jdbcUrl, String user, String password) {
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
        // The built-ins and the demo fleet's attribute team: the Dimensions view and filter have something
        // custom to show at once (events without a team count under _none).
        m.putIfAbsent("AGENTPULSE_DIMENSIONS", "environment,provider,tool_name,team");
        return m;
    }
}
