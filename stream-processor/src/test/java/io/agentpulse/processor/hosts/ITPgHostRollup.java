package io.agentpulse.processor.hosts;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.db.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The host rollup contract on a real PostgreSQL (embedded, plain partitioning), schema from the migrations. */
class ITPgHostRollup extends HostRollupContract {
    DataSource ds;
    private PgHostRollupStore store;
    private Connection lockHolder;

    DataSource database() {
        return EmbeddedInfra.shared().freshDatabase("host_rollups").dataSource();
    }

    @BeforeEach
    void freshDatabase() {
        ds = database();
        Migrations.migrate(ds);
        store = new PgHostRollupStore(ds);
    }

    @AfterEach
    void release() throws SQLException {
        if (lockHolder != null) {
            lockHolder.close();
        }
    }

    @Override
    HostRollupStore store() {
        return store;
    }

    @Override
    void heartbeat(String id, Instant eventTime, Instant ingestedAt, String agent, String host, Double cpu, Long mem) {
        String attrs = host == null ? "{\"demo\":\"true\"}" : "{\"host.name\":\"" + host + "\"}";
        exec("INSERT INTO agent_events (event_id, event_time, agent_id, kind, status, host_cpu, host_memory_bytes, attributes,"
                + " ingested_at) VALUES (?, ?, ?, 'HEARTBEAT', 'UNSET', ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING",
                id, Timestamp.from(eventTime), agent, cpu, mem, attrs, Timestamp.from(ingestedAt));
    }

    @Override
    void rule(String id, String json) {
        if (json == null) {
            exec("DELETE FROM alert_rules WHERE id = ?", id);
        } else {
            exec("INSERT INTO alert_rules (id, body) VALUES (?, ?::jsonb) ON CONFLICT (id) DO UPDATE SET body = excluded.body", id, json);
        }
    }

    @Override
    void lockedElsewhere(boolean held) {
        try {
            if (held) {
                lockHolder = ds.getConnection();
                try (PreparedStatement ps = lockHolder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    ps.setLong(1, PgHostRollupStore.LOCK);
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

    private void exec(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
