package io.agentpulse.processor.calls;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.db.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The call-graph contract on a real PostgreSQL (embedded, plain partitioning), schema from the migrations. */
class ITPgAgentCalls extends AgentCallContract {
    private DataSource ds;
    private PgAgentCallStore store;
    private Connection lockHolder;

    @BeforeEach
    void freshDatabase() {
        ds = EmbeddedInfra.shared().freshDatabase("agent_calls").dataSource();
        Migrations.migrate(ds);
        store = new PgAgentCallStore(ds);
    }

    @AfterEach
    void release() throws SQLException {
        if (lockHolder != null) {
            lockHolder.close();
        }
    }

    @Override
    AgentCallStore store() {
        return store;
    }

    @Override
    void span(Span s) {
        String sql = "INSERT INTO agent_events (event_id, event_time, agent_id, kind, status, trace_id, span_id, parent_span_id,"
                + " latency_ms, operation, ingested_at) VALUES (?, ?, ?, 'SPAN', ?, ?, ?, ?, ?, 'invoke_agent', ?) ON CONFLICT DO NOTHING";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Object[] args = {s.eventId(), new Timestamp(s.eventTime()), s.agentId(), s.error() ? "ERROR" : "OK", s.traceId(),
                    s.spanId(), s.parentSpanId(), s.latencyMs(), new Timestamp(s.ingestedAt())};
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void lockedElsewhere(boolean held) {
        try {
            if (held) {
                lockHolder = ds.getConnection();
                try (PreparedStatement ps = lockHolder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    ps.setLong(1, PgAgentCallStore.LOCK);
                    ps.execute();
                }
            } else if (lockHolder != null) {
                lockHolder.close();
                lockHolder = null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
