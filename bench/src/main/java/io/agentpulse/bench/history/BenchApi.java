package io.agentpulse.bench.history;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.PgEventReader;
import io.agentpulse.query.store.PgLayoutStore;
import io.agentpulse.query.store.PgRollupReader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The query API as QueryBench measures it: the real server (PostgreSQL readers, all three rollup
 * tables filled) with its clock fixed at the backfill's end, so "today", "yesterday" and "last 5
 * minutes" of the dashboard fall on the backfilled data; with its alert routes (for /api/v1/slo)
 * on PostgreSQL without Kafka (QueryApiServer.Alerts.WITHOUT_KAFKA: rule changes are not published).
 */
final class BenchApi implements AutoCloseable {
    /** Two SLO rules the report evaluates: one per agent (1000 series), one per model (10). */
    static final String SLO_RULES = """
            INSERT INTO alert_rules(id, body, updated_by) VALUES
              ('bench-slo-agent', '{"id":"bench-slo-agent","kind":"slo","group":"agent","objective":0.995}', 'bench'),
              ('bench-slo-model', '{"id":"bench-slo-model","kind":"slo","group":"model","objective":0.99}', 'bench')
            ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body""";

    private final QueryApiServer api;

    private BenchApi(QueryApiServer api) {
        this.api = api;
    }

    static BenchApi start(Vertx vertx, String jdbcUrl, String user, String password, long endMs) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute(SLO_RULES);
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of("AGENTPULSE_DB_URL", jdbcUrl, "AGENTPULSE_DB_USER", user,
                "AGENTPULSE_DB_PASSWORD", password, "AGENTPULSE_QUERY_PORT", "0", "AGENTPULSE_QUERY_HOST", "127.0.0.1",
                "AGENTPULSE_QUERY_FILLED_TABLES", "1m,5m,1h,1d,1w,4w"));
        io.agentpulse.bench.QueryAuth.configure(env); // the first admin, whom the bench signs in as
        QueryConfig cfg = QueryConfig.fromEnv(env);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(endMs), ZoneOffset.UTC);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Pool pool = QueryApiServer.pool(vertx, cfg);
        QueryApiServer api = QueryApiServer.start(vertx, cfg,
                io.agentpulse.query.store.SettledSketches.wrap(new PgRollupReader(pool), cfg.sketchCache(), clock),
                new DashboardStores(new PgEventReader(pool), new PgLayoutStore(pool)), new InMemoryRollupFeed(), meters, clock,
                QueryApiServer.Alerts.WITHOUT_KAFKA).toCompletionStage().toCompletableFuture().get();
        return new BenchApi(api);
    }

    /** Base URL of the query API. */
    String base() {
        return "http://127.0.0.1:" + api.port();
    }

    @Override
    public void close() throws Exception {
        api.close().toCompletionStage().toCompletableFuture().get();
    }
}
