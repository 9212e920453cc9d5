package io.agentpulse.processor.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.agentpulse.embedded.TimescaleDb;
import io.agentpulse.contract.db.Migrations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrations on a real TimescaleDB (Debian's PostgreSQL 15 with the extension built in, see
 * {@link TimescaleDb}): every timed table becomes a hypertable with compression settings and a
 * compression policy; the retention job adds a retention policy per table that does not keep forever.
 * Skipped on a machine without TimescaleDB, a failure in CI (CI=true).
 */
class ITTimescaleSchema {
    static final Map<String, String> COMPRESS_AFTER = withHostRollups(Map.of("agent_events", "2 days", "rollup_1m", "2 days",
            "rollup_5m", "3 days", "rollup_1h", "7 days", "rollup_1d", "35 days", "rollup_1w", "21 days", "rollup_4w", "60 days"));

    /** V47: each host_rollup_* table is compressed at the age of the rollup_* table of its granularity (and V52's agent_calls like rollup_1m). */
    private static Map<String, String> withHostRollups(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>(m);
        out.put("agent_calls", "2 days"); // V52: call-graph minutes, compressed like rollup_1m
        m.forEach((t, age) -> {
            if (t.startsWith("rollup_")) {
                out.put("host_" + t, age);
            }
        });
        return out;
    }
    private static DataSource ds;

    @BeforeAll
    static void migrate() {
        assumeThat(TimescaleDb.binDir()).as("TimescaleDB is not installed (../shared/timescaledb/install.sh)").isPresent();
        ds = TimescaleDb.freshDatabase("ts_schema").dataSource();
        Migrations.migrate(ds);
    }

    @Test
    void everyTimedTableIsAHypertableWithCompression() {
        assertThat(map("SELECT 'mode', mode FROM agentpulse_storage")).containsEntry("mode", "timescaledb");
        Map<String, String> timed = map("SELECT name, slice::text FROM agentpulse_timed_tables");
        assertThat(timed.keySet()).containsExactlyInAnyOrderElementsOf(COMPRESS_AFTER.keySet());
        assertThat(map("SELECT hypertable_name, compression_enabled::text FROM timescaledb_information.hypertables"))
                .isEqualTo(mapOf(timed, "true"));
        // Time dimension and chunk width (V1; V33 narrows the coarse tables' so that compression reaches most rows).
        assertThat(map("SELECT hypertable_name, column_name || ' ' || (time_interval::text) FROM timescaledb_information.dimensions"))
                .containsEntry("agent_events", "event_time 1 day").containsEntry("rollup_1m", "window_start 1 day")
                .containsEntry("rollup_5m", "window_start 1 day").containsEntry("rollup_1h", "window_start 7 days")
                .containsEntry("rollup_1d", "window_start 30 days").containsEntry("rollup_1w", "window_start 84 days")
                .containsEntry("rollup_4w", "window_start 360 days").containsEntry("host_rollup_1m", "window_start 1 day")
                .containsEntry("host_rollup_1h", "window_start 7 days").containsEntry("host_rollup_4w", "window_start 360 days");
        Map<String, String> settings = map("SELECT hypertable::text, segmentby || ' | ' || orderby"
                + " FROM timescaledb_information.hypertable_compression_settings");
        assertThat(settings).containsEntry("agent_events", "agent_id | event_time DESC").hasSize(COMPRESS_AFTER.size());
        timed.keySet().stream().filter(t -> t.startsWith("rollup_")).forEach(t -> assertThat(settings)
                .containsEntry(t, "grp,agent_id,model,operation | window_start DESC"));
        timed.keySet().stream().filter(t -> t.startsWith("host_rollup_")).forEach(t -> assertThat(settings)
                .containsEntry(t, "host,agent_id | window_start DESC"));
        assertThat(settings).containsEntry("agent_calls", "caller,callee | window_start DESC");
        assertThat(policies("policy_compression", "compress_after")).isEqualTo(COMPRESS_AFTER);
    }

    @Test
    void theRetentionJobSetsOnePolicyPerTableThatDoesNotKeepForever() {
        Clock clock = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
        RetentionConfig defaults = RetentionConfig.defaults(); // raw 7d, 1m 30d, 5m 90d, 1h 400d, coarser forever
        new RetentionJob(new PgPartitionStore(ds), new RetentionPolicy(defaults, clock), new SimpleMeterRegistry()).runOnce();
        assertThat(policies("policy_retention", "drop_after")).isEqualTo(Map.of("agent_events", "7 days",
                "rollup_1m", "30 days", "rollup_5m", "90 days", "rollup_1h", "400 days", "host_rollup_1m", "30 days",
                "host_rollup_5m", "90 days", "host_rollup_1h", "400 days", "agent_calls", "400 days"));

        RetentionConfig hourForever = RetentionConfig.fromEnv(Map.of("AGENTPULSE_RETENTION_1H", "forever"));
        new RetentionJob(new PgPartitionStore(ds), new RetentionPolicy(hourForever, clock), new SimpleMeterRegistry()).runOnce();
        assertThat(policies("policy_retention", "drop_after")).doesNotContainKey("rollup_1h").doesNotContainKey("host_rollup_1h")
                .hasSize(5);
    }

    /** hypertable -> the interval of its policy job of that kind, in whole days (e.g. "7 days"). */
    private static Map<String, String> policies(String proc, String key) {
        return map("SELECT hypertable_name, (extract(epoch FROM (config ->> '" + key + "')::interval) / 86400)::int || ' days'"
                + " FROM timescaledb_information.jobs WHERE proc_name = '" + proc + "'");
    }

    private static Map<String, String> mapOf(Map<String, String> keys, String value) {
        Map<String, String> out = new TreeMap<>();
        keys.keySet().forEach(k -> out.put(k, value));
        return out;
    }

    static Map<String, String> map(String sql) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return out;
    }
}
