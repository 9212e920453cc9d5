package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.processor.sink.PostgresRollupSink;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TimescaleDB's compression applies to our tables: {@link SinkWriter}'s data (several chunks per
 * table: the old fleet, the dashboard events, the recent fleet) plus {@link #BULK_AGENTS} agents' rows
 * of the 10 windows before it in every rollup table (a chunk of a few hundred rows is smaller
 * uncompressed: compression's fixed cost is pages) is compressed chunk by chunk, as the compression
 * policies would once the chunks are old enough; every table's chunks get smaller and
 * every dashboard query answers exactly as before. A late correction then still lands through the
 * sink in a compressed chunk. Skipped on a machine without TimescaleDB, a failure in CI (CI=true).
 */
class ITTimescaleCompression {
    private static final String SIZES = "SELECT h.hypertable_name, sum(s.total_bytes) FROM timescaledb_information.hypertables h,"
            + " chunks_detailed_size(format('%I', h.hypertable_name)::regclass) s GROUP BY 1";
    static final int BULK_AGENTS = 2_000;
    private static PgDatabase db;
    private static SortedMap<String, String> before;
    private static SortedMap<String, String> after;
    private static Map<String, Long> bytesBefore;
    private static Map<String, Long> bytesAfter;

    @BeforeAll
    static void compress() throws Exception {
        db = PgFixture.timescaleDatabase("storage_compression");
        SinkWriter.write(db);
        bulk();
        before = DashboardAnswers.of(db);
        bytesBefore = longs(SIZES);
        longs("SELECT 'n', count(compress_chunk(c, if_not_compressed => true)) FROM timescaledb_information.hypertables h,"
                + " show_chunks(format('%I', h.hypertable_name)::regclass) c");
        after = DashboardAnswers.of(db);
        bytesAfter = longs(SIZES);
        System.out.printf("TimescaleDB compression of the storage contract's data, bytes per table before -> after: %s -> %s%n",
                bytesBefore, bytesAfter);
    }

    @Test
    void everyChunkIsCompressedAndSmaller() throws SQLException {
        assertThat(longs("SELECT hypertable_name, count(*) FROM timescaledb_information.chunks GROUP BY 1"))
                .as("several chunks per table").containsEntry("agent_events", 3L).containsEntry("rollup_1m", 3L);
        assertThat(longs("SELECT 'uncompressed', count(*) FROM timescaledb_information.chunks WHERE NOT is_compressed"))
                .containsEntry("uncompressed", 0L);
        assertThat(bytesAfter.keySet()).isEqualTo(bytesBefore.keySet()).hasSize(7);
        bytesBefore.forEach((table, bytes) -> assertThat(bytesAfter.get(table)).as(table).isLessThan(bytes));
        Map<String, Long> stats = longs("SELECT h.hypertable_name, s.after_compression_total_bytes"
                + " FROM timescaledb_information.hypertables h, hypertable_compression_stats(format('%I', h.hypertable_name)::regclass) s");
        Map<String, Long> statsBefore = longs("SELECT h.hypertable_name, s.before_compression_total_bytes"
                + " FROM timescaledb_information.hypertables h, hypertable_compression_stats(format('%I', h.hypertable_name)::regclass) s");
        stats.forEach((table, bytes) -> assertThat(bytes).as(table).isLessThan(statsBefore.get(table)));
    }

    @Test
    void everyDashboardQueryAnswersAsBeforeCompression() {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((query, answer) -> assertThat(after.get(query)).as(query).isEqualTo(answer));
    }

    @Test
    void aLateCorrectionLandsInACompressedChunkThroughTheSink() throws Exception {
        RollupRow all = SinkWriter.RECENT.rows(Granularity.HOUR).stream()
                .filter(r -> r.grp().equals("all") && r.windowStartMs() == TestFleet.T0).findFirst().orElseThrow();
        RollupRow corrected = new RollupRow(all.granularity(), all.grp(), all.agentId(), all.model(), all.operation(),
                all.windowStartMs(), all.count() + 5, all.errors(), all.inputTokens(), all.outputTokens(),
                all.cachedInputTokens(), all.costUsd(), all.latencySketch(), all.errorTypes(), all.feedback()); // cumulative: the scores stay
        new PostgresRollupSink(db.dataSource()).upsert(List.of(SinkWriter.rollup(corrected)));
        SortedMap<String, String> now = DashboardAnswers.of(db);
        String key = "1h recent totals " + Filters.NONE;
        assertThat(now.get(key)).startsWith("n=" + (SinkWriter.RECENT.events.size() + 5) + " ");
        assertThat(before.get(key)).startsWith("n=" + SinkWriter.RECENT.events.size() + " ");
    }

    /** Agent-group rows ('bulk0'.. agents, one real sketch) for the 10 windows before the recent fleet, per rollup table. */
    private static void bulk() throws SQLException {
        byte[] sketch = SinkWriter.RECENT.rows().get(0).latencySketch();
        for (Granularity g : Granularity.values()) {
            String sql = "INSERT INTO " + g.table() + " (grp, agent_id, model, operation, window_start, window_end, is_final,"
                    + " count, errors, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cost_usd,"
                    + " latency_sketch, updated_at) SELECT 'agent', 'bulk' || a, '*', '*', w, w + s, true, 10 + a % 7, a % 2,"
                    + " 100 * a, 50, 0, 0, 0.001 * a, ?, w + s FROM generate_series(0, ?) a,"
                    + " generate_series(to_timestamp(?) - 10 * ?::interval, to_timestamp(?) - ?::interval, ?::interval) w,"
                    + " (SELECT ?::interval AS s) step";
            String step = g.millis() / 1000 + " seconds";
            try (Connection c = db.dataSource().getConnection(); var ps = c.prepareStatement(sql)) {
                ps.setBytes(1, sketch);
                ps.setInt(2, BULK_AGENTS - 1);
                ps.setDouble(3, TestFleet.T0 / 1000.0);
                ps.setString(4, step);
                ps.setDouble(5, TestFleet.T0 / 1000.0);
                ps.setString(6, step);
                ps.setString(7, step);
                ps.setString(8, step);
                ps.executeUpdate();
            }
        }
    }

    private static Map<String, Long> longs(String sql) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
