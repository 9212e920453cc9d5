package io.agentpulse.query;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.ops.KafkaSecurity;
import io.agentpulse.ops.PgUrl;
import io.agentpulse.ops.Settings;
import io.agentpulse.query.auth.AuthSettings;
import io.agentpulse.query.http.DashboardConfig;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.sse.SseSettings;
import io.agentpulse.query.store.SettledSketches;
import io.agentpulse.contract.registry.RegistrySettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query API's one configuration, built once in QueryMain (or the all-in-one) from the environment and
 * AGENTPULSE_CONFIG_FILE alike (README settings table). A bad value throws ConfigException (io.agentpulse.ops)
 * with a full sentence naming the variable.
 *
 * @param registry            the schema registry: URL, basic auth, CA file
 * @param filledGranularities rollup tables the planner may read besides 1m (they must be written live)
 * @param auth                sessions, key cache, allowed origins, TLS and the first admin's password
 * @param dashboard           health thresholds, availability objective, budget and agent horizons
 * @param kafkaSecurity       SASL/TLS client properties of an external cluster ({@link KafkaSecurity}), empty = PLAINTEXT
 * @param dimensions          the slicing dimensions, as the processor's (AGENTPULSE_DIMENSIONS): filters and group-bys
 * @param sketchCache         how many sketches of settled windows ({@link SettledSketches}) and of live ones (LiveSketches) the rollup reads keep in memory
 */
public record QueryConfig(String host, int port, String dbHost, int dbPort, String dbName, String dbUser,
                          String dbPassword, int dbPoolSize, String kafkaBootstrap, RegistrySettings registry,
                          Set<Granularity> filledGranularities, SseSettings sse, AuthSettings auth,
                          DashboardConfig dashboard, KafkaSecurity kafkaSecurity, Dimensions dimensions,
                          SettledSketches.Settings sketchCache) {
    /** Every Kafka client of the query API is made here: bootstrap servers plus AGENTPULSE_KAFKA_* security. */
    public KafkaClients kafka() {
        return KafkaClients.of(kafkaBootstrap, kafkaSecurity);
    }


    public static QueryConfig fromEnv(Map<String, String> env) {
        Env r = Env.of(env);
        PgUrl db = PgUrl.fromEnv(r); // the URL, user and password as the gateway reads them
        return new QueryConfig(
                r.string("AGENTPULSE_QUERY_HOST", "0.0.0.0"),
                r.integer("AGENTPULSE_QUERY_PORT", 8080, 0, 65_535),
                db.host(), db.port(), db.database(), db.user(), db.password(),
                r.integer("AGENTPULSE_DB_POOL_SIZE", 8, 1, 256),
                r.string("AGENTPULSE_KAFKA_BOOTSTRAP", "localhost:9092"),
                RegistrySettings.fromEnv(env, "http://localhost:8081"),
                granularities(r, "AGENTPULSE_QUERY_FILLED_TABLES", "1m"),
                new SseSettings(
                        r.integer("AGENTPULSE_SSE_HEARTBEAT_MS", 15_000, 10, 3_600_000),
                        r.integer("AGENTPULSE_SSE_REPLAY_SIZE", 1_000, 0, 1_000_000),
                        r.integer("AGENTPULSE_SSE_MAX_CLIENTS", 200, 1, 100_000),
                        r.integer("AGENTPULSE_SSE_MAX_PENDING", 10_000, 1, 10_000_000),
                        r.integer("AGENTPULSE_SSE_ALERT_REPLAY_SIZE", SseSettings.DEFAULT_ALERT_REPLAY_SIZE, 0, 10_000_000),
                        r.integer("AGENTPULSE_SSE_ALERT_BACKFILL_MAX", SseSettings.DEFAULT_ALERT_BACKFILL_MAX, 1, 10_000_000)),
                AuthSettings.fromEnv(r),
                DashboardConfig.fromEnv(env),
                KafkaSecurity.of(env),
                Dimensions.fromEnv(r),
                SettledSketches.Settings.fromEnv(r));
    }

    /** The AGENTPULSE_* variables this configuration reads (README settings-table test). */
    public static Set<String> variables() {
        return Settings.namesRead(QueryConfig::fromEnv);
    }

    QueryConfig withPort(int newPort) {
        return new QueryConfig(host, newPort, dbHost, dbPort, dbName, dbUser, dbPassword, dbPoolSize,
                kafkaBootstrap, registry, filledGranularities, sse, auth, dashboard, kafkaSecurity, dimensions, sketchCache);
    }

    QueryConfig withDb(String newHost, int newPort, String name, String user, String password) {
        return new QueryConfig(host, port, newHost, newPort, name, user, password, dbPoolSize,
                kafkaBootstrap, registry, filledGranularities, sse, auth, dashboard, kafkaSecurity, dimensions, sketchCache);
    }

    QueryConfig withSse(SseSettings settings) {
        return new QueryConfig(host, port, dbHost, dbPort, dbName, dbUser, dbPassword, dbPoolSize,
                kafkaBootstrap, registry, filledGranularities, settings, auth, dashboard, kafkaSecurity, dimensions, sketchCache);
    }

    QueryConfig withAuth(AuthSettings settings) {
        return new QueryConfig(host, port, dbHost, dbPort, dbName, dbUser, dbPassword, dbPoolSize,
                kafkaBootstrap, registry, filledGranularities, sse, settings, dashboard, kafkaSecurity, dimensions, sketchCache);
    }

    static Set<Granularity> granularities(Env env, String name, String dflt) {
        Set<Granularity> set = EnumSet.of(Granularity.MINUTE);
        for (String part : env.list(name, List.of(dflt))) {
            try {
                set.add(Granularity.ofLabel(part));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "The setting " + name + " is '" + env.string(name, dflt)
                        + "', but it must be a comma list of " + Granularity.labels(" and ") + ".");
            }
        }
        return set;
    }

    /** The password stays out of logs and exception messages. */
    @Override
    public String toString() {
        return Settings.describeHiding(this, Set.of("dbPassword"));
    }
}
