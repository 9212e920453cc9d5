package io.agentpulse.processor.sink;

import io.agentpulse.contract.Granularity;

import io.agentpulse.ops.Bytes;

import io.agentpulse.avro.WindowRollup;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Upserts snapshots into rollup_1m ... rollup_4w (by granularity) in one transaction,
 * one UNNEST statement per table. The WHERE clause is the forward-only rule of {@link Rollups}.
 * A row's cost keeps the repricing corrections already applied to it (cost_adjust_usd, V44,
 * pricing/Repricer): the processor's cost of the window plus them.
 */
public final class PostgresRollupSink implements RollupSink {
    private static final Set<String> GRANULARITIES = Set.of("1m", "5m", "1h", "1d", "1w", "4w");
    private static final String ON_CONFLICT = "ON CONFLICT (grp, agent_id, model, operation, window_start) DO UPDATE SET "
            + "window_end = EXCLUDED.window_end, is_final = EXCLUDED.is_final, count = EXCLUDED.count, "
            + "errors = EXCLUDED.errors, input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens, "
            + "cached_input_tokens = EXCLUDED.cached_input_tokens, reasoning_tokens = EXCLUDED.reasoning_tokens, "
            + "cost_usd = EXCLUDED.cost_usd + r.cost_adjust_usd, latency_sketch = EXCLUDED.latency_sketch, ttft_sketch = EXCLUDED.ttft_sketch, "
            + "p50_ms = EXCLUDED.p50_ms, p95_ms = EXCLUDED.p95_ms, p99_ms = EXCLUDED.p99_ms, updated_at = EXCLUDED.updated_at, "
            + "error_types = EXCLUDED.error_types, "
            + "feedback_count = EXCLUDED.feedback_count, feedback_sum = EXCLUDED.feedback_sum, "
            + "feedback_histogram = EXCLUDED.feedback_histogram "
            // progress = calls + scores: a window of scores only (count 0) moves forward too
            + "WHERE r.count + r.feedback_count < EXCLUDED.count + EXCLUDED.feedback_count "
            + "OR (r.count + r.feedback_count = EXCLUDED.count + EXCLUDED.feedback_count AND NOT r.is_final)";

    private final DataSource dataSource;

    public PostgresRollupSink(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void upsert(List<WindowRollup> rollups) {
        if (rollups.isEmpty()) {
            return;
        }
        Map<String, Unnest> byTable = new LinkedHashMap<>();
        for (WindowRollup r : Rollups.latestPerRow(rollups)) {
            if (!GRANULARITIES.contains(r.getGranularity())) {
                throw new IllegalArgumentException("Granularity '" + r.getGranularity() + "' has no rollup table.");
            }
            byTable.computeIfAbsent("rollup_" + r.getGranularity(), t -> columns()).row(values(r));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, Unnest> e : byTable.entrySet()) {
                    e.getValue().execute(c, e.getKey(), ON_CONFLICT);
                }
                DimensionValues.upsert(c, rollups);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SinkException("Writing " + rollups.size() + " rollups to PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private static Unnest columns() {
        return new Unnest().col("grp", "text").col("agent_id", "text").col("model", "text").col("operation", "text")
                .millis("window_start").millis("window_end").col("is_final", "bool").col("count", "int8")
                .col("errors", "int8").col("input_tokens", "int8").col("output_tokens", "int8")
                .col("cached_input_tokens", "int8").col("reasoning_tokens", "int8").col("cost_usd", "float8")
                .col("latency_sketch", "bytea").col("ttft_sketch", "bytea").col("p50_ms", "float8")
                .col("p95_ms", "float8").col("p99_ms", "float8").millis("updated_at").json("error_types")
                .col("feedback_count", "int8").col("feedback_sum", "float8").longArray("feedback_histogram");
    }

    private static Object[] values(WindowRollup r) {
        return new Object[] {r.getGrp(), r.getAgentId(), r.getModel(), r.getOperation(),
            r.getWindowStart().toEpochMilli(), r.getWindowEnd().toEpochMilli(), r.getIsFinal(), r.getCount(),
            r.getErrors(), r.getInputTokens(), r.getOutputTokens(), r.getCachedInputTokens(), r.getReasoningTokens(),
            r.getCostUsd(), Bytes.of(r.getLatencySketch()), Bytes.of(r.getTtftSketch()), r.getP50Ms(), r.getP95Ms(),
            r.getP99Ms(), r.getUpdatedAt().toEpochMilli(), errorTypes(r), r.getFeedbackCount(), r.getFeedbackSum(),
            histogram(r.getFeedbackHistogram())};
    }

    /**
     * The histogram as an int8[] literal ('{1,0,...}'): a column of arrays cannot travel as an unnest
     * parameter (unnest flattens a 2-D array), so it goes as text and is cast back in SQL.
     */
    static String histogram(List<Long> buckets) {
        if (buckets == null) {
            return null;
        }
        StringBuilder b = new StringBuilder("{");
        for (Long v : buckets) {
            b.append(b.length() == 1 ? "" : ",").append(v);
        }
        return b.append('}').toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The error-type counts as a JSON object, null when the window had no failed call (most rows). */
    static String errorTypes(WindowRollup r) {
        if (r.getErrorTypes() == null || r.getErrorTypes().isEmpty()) {
            return null;
        }
        Map<String, Long> m = new java.util.TreeMap<>();
        r.getErrorTypes().forEach((k, v) -> m.put(k.toString(), v));
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Error types cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
