package io.agentpulse.query.store;

import io.agentpulse.embedded.PgDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The dashboard stores' contract against real PostgreSQL (embedded) with the processor's schema. */
class PgDashboardStoresIT extends DashboardStoresContract {
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void load() throws Exception {
        PgDatabase db = PgFixture.database("query_dash_it");
        try (Connection c = db.dataSource().getConnection(); var st = c.createStatement()) {
            // PgFixture runs the processor's migrations (V20__layouts.sql among them).
            String sql = "INSERT INTO agent_events (event_id, event_time, agent_id, kind, environment, model, provider, operation, "
                    + "latency_ms, input_tokens, output_tokens, cost_usd, status, error_type, tool_name, feedback_score, host_cpu, "
                    + "host_memory_bytes, attributes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (EventRow e : EVENTS) {
                    ps.setString(1, e.eventId());
                    ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(e.timeMs())));
                    ps.setString(3, e.agentId());
                    ps.setString(4, e.kind());
                    ps.setString(5, e.environment());
                    ps.setString(6, e.model());
                    ps.setString(7, e.provider());
                    ps.setString(8, e.operation());
                    ps.setObject(9, e.latencyMs());
                    ps.setObject(10, e.inputTokens());
                    ps.setObject(11, e.outputTokens());
                    ps.setObject(12, e.costUsd());
                    ps.setString(13, e.status());
                    ps.setString(14, e.errorType());
                    ps.setString(15, e.toolName());
                    ps.setObject(16, e.feedbackScore());
                    ps.setObject(17, e.hostCpu());
                    ps.setObject(18, e.hostMemoryBytes());
                    ps.setString(19, new io.vertx.core.json.JsonObject(new java.util.HashMap<>(e.attributes())).encode());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        vertx = Vertx.vertx();
        PgConnectOptions connect = new PgConnectOptions().setHost(db.host()).setPort(db.port())
                .setDatabase(db.name()).setUser(db.user()).setPassword(db.password());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build();
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Override
    protected EventReader events() {
        return new PgEventReader(pool);
    }

    @Override
    protected LayoutStore layouts() {
        return new PgLayoutStore(pool);
    }
}
