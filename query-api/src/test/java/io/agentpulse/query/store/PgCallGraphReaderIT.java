package io.agentpulse.query.store;

import io.agentpulse.embedded.PgDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The call-graph reader contract on real PostgreSQL (embedded), tables by the processor's migrations (V52). */
class PgCallGraphReaderIT extends CallGraphReaderContract {
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void load() throws Exception {
        PgDatabase db = PgFixture.database("query_call_graph_it");
        try (Connection c = db.dataSource().getConnection()) {
            for (InMemoryCallGraphReader.Minute m : MINUTES) {
                insert(c, "INSERT INTO agent_calls (caller, callee, window_start, calls, errors, latency_count, latency_sum, latency_max,"
                        + " latency_sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", m.caller(), m.callee(), new Timestamp(m.windowStart()),
                        m.calls(), m.errors(), m.latencyCount(), m.latencySum(), m.latencyMax(), m.sketch());
            }
            for (InMemoryCallGraphReader.Span s : SPANS) {
                insert(c, "INSERT INTO agent_events (event_id, event_time, agent_id, kind, status, trace_id, span_id, parent_span_id,"
                        + " operation, latency_ms, error_type) VALUES (?, ?, ?, 'SPAN', ?, ?, ?, ?, ?, ?, ?)", s.eventId(),
                        new Timestamp(s.time()), s.agentId(), s.status(), s.traceId(), s.spanId(), s.parentSpanId(), s.operation(),
                        s.latencyMs(), s.errorType());
            }
            insert(c, "DELETE FROM agent_last_seen");
            for (Object[] a : AGENTS) {
                insert(c, "INSERT INTO agent_last_seen (agent_id, first_seen, last_seen) VALUES (?, ?, ?)", a[0],
                        new Timestamp((Long) a[1]), new Timestamp((Long) a[2]));
            }
        }
        vertx = Vertx.vertx();
        pool = PgFixture.pool(vertx, db, 2);
    }

    private static void insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.NULL);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Override
    protected CallGraphReader reader() {
        return new PgCallGraphReader(pool);
    }
}
