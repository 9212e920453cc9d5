package io.agentpulse.processor.retention;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.db.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The retention contract on a real PostgreSQL (embedded, plain partitioning), schema from the migrations. */
class ITPgRetention extends RetentionContract {
    private final AtomicLong ids = new AtomicLong();
    private DataSource ds;
    private PgPartitionStore store;

    @BeforeEach
    void freshDatabase() {
        ds = EmbeddedInfra.shared().freshDatabase("retention").dataSource();
        Migrations.migrate(ds);
        store = new PgPartitionStore(ds);
    }

    @Override
    PartitionStore store() {
        return store;
    }

    @Override
    void ensurePartitions(Instant from, Instant to) {
        exec("SELECT agentpulse_ensure_partitions(?, ?)", from, to);
    }

    @Override
    void row(String table, Instant time) {
        String id = "r" + ids.incrementAndGet();
        if (table.equals("agent_events")) {
            exec("INSERT INTO agent_events (event_id, event_time, agent_id, kind, status) VALUES ('" + id
                    + "', ?, 'a', 'SPAN', 'OK')", time);
        } else {
            exec("INSERT INTO " + table + " (grp, agent_id, model, operation, window_start, window_end, count, errors,"
                    + " input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cost_usd, latency_sketch,"
                    + " updated_at) VALUES ('agent', '" + id + "', '*', '*', ?, ?, 1, 0, 0, 0, 0, 0, 0, '\\x00'::bytea, now())",
                    time, time.plusSeconds(60));
        }
    }

    @Override
    long rows(String table, Instant from, Instant to) {
        String col = table.equals("agent_events") ? "event_time" : "window_start";
        String sql = "SELECT count(*) FROM " + table + " WHERE " + col + " >= ? AND " + col + " < ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(String sql, Instant... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setTimestamp(i + 1, Timestamp.from(args[i]));
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
