package io.agentpulse.query.store;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.embedded.TimescaleDb;
import io.agentpulse.contract.db.Migrations;
import io.agentpulse.ops.PgPools;
import io.agentpulse.ops.PgTls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** A fresh database on the shared embedded PostgreSQL, schema by the processor's migrations. */
public final class PgFixture {
    private PgFixture() {}

    public static PgDatabase database(String name) {
        PgDatabase db = EmbeddedInfra.shared().freshDatabase(name);
        Migrations.migrate(db.dataSource());
        return db;
    }

    /** A vertx-pg-client pool of {@code size} connections to {@code db}, built as the services build theirs (PgPools). */
    public static io.vertx.sqlclient.Pool pool(io.vertx.core.Vertx vertx, PgDatabase db, int size) {
        return PgPools.pool(vertx, PgPools.options(db.host(), db.port(), db.name(), db.user(), db.password(), PgTls.NONE), size);
    }

    /**
     * The same on the shared TimescaleDB (see {@link TimescaleDb}); skips the calling test on a machine
     * without TimescaleDB, fails it in CI (CI=true).
     */
    public static PgDatabase timescaleDatabase(String name) {
        org.assertj.core.api.Assumptions.assumeThat(TimescaleDb.binDir())
                .as("TimescaleDB is not installed (../shared/timescaledb/install.sh)").isPresent();
        PgDatabase db = TimescaleDb.freshDatabase(name);
        Migrations.migrate(db.dataSource());
        return db;
    }

    /** Plain SQL inserts, as the processor's sink would leave the rows. */
    /** What the rollup sink keeps in dimension_values (V50) for a row of a slice of group all. */
    private static void dimensionValue(Connection c, RollupRow r) throws java.sql.SQLException {
        if (!r.grp().startsWith("all@")) {
            return;
        }
        io.agentpulse.contract.Dimensions.Slice s = io.agentpulse.contract.Dimensions.parse(r.grp());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dimension_values VALUES (?, ?, ?, ?, ?) ON CONFLICT (dimension, value)"
                + " DO UPDATE SET first_seen = LEAST(dimension_values.first_seen, EXCLUDED.first_seen),"
                + " last_seen = GREATEST(dimension_values.last_seen, EXCLUDED.last_seen)")) {
            Timestamp t = Timestamp.from(Instant.ofEpochMilli(r.windowStartMs()));
            ps.setString(1, s.dimension());
            ps.setString(2, s.value());
            ps.setString(3, r.grp().substring(r.grp().indexOf('=') + 1));
            ps.setTimestamp(4, t);
            ps.setTimestamp(5, t);
            ps.executeUpdate();
        }
    }

    public static void insert(PgDatabase db, List<RollupRow> rows) throws Exception {
        String sql = "INSERT INTO %s (grp, agent_id, model, operation, window_start, window_end, is_final, count, errors, "
                + "input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cost_usd, latency_sketch, updated_at, "
                + "error_types, feedback_count, feedback_sum, feedback_histogram) "
                + "VALUES (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, 0, ?, ?, now(), ?::jsonb, ?, ?, ?)";
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (RollupRow r : rows) {
                try (PreparedStatement ps = c.prepareStatement(String.format(sql, r.granularity().table()))) {
                    ps.setString(1, r.grp());
                    ps.setString(2, r.agentId());
                    ps.setString(3, r.model());
                    ps.setString(4, r.operation());
                    ps.setTimestamp(5, Timestamp.from(Instant.ofEpochMilli(r.windowStartMs())));
                    ps.setTimestamp(6, Timestamp.from(Instant.ofEpochMilli(r.windowStartMs() + r.granularity().millis())));
                    ps.setLong(7, r.count());
                    ps.setLong(8, r.errors());
                    ps.setLong(9, r.inputTokens());
                    ps.setLong(10, r.outputTokens());
                    ps.setLong(11, r.cachedInputTokens());
                    ps.setDouble(12, r.costUsd());
                    ps.setBytes(13, r.latencySketch());
                    ps.setString(14, r.errorTypes().isEmpty() ? null
                            : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r.errorTypes()));
                    RollupRow.Feedback f = r.feedback();
                    ps.setLong(15, f == null ? 0 : f.count());
                    ps.setDouble(16, f == null ? 0 : f.sum());
                    ps.setArray(17, f == null ? null : c.createArrayOf("int8",
                            java.util.Arrays.stream(f.histogram()).boxed().toArray()));
                    ps.executeUpdate();
                }
                dimensionValue(c, r);
            }
            c.commit();
        }
    }
}
