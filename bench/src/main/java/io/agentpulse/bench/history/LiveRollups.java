package io.agentpulse.bench.history;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.sink.PostgresRollupSink;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The processor's live rollup writes beside {@link LiveIngest}'s raw events, so QueryBench's reads meet
 * windows that change under them as a deployment's do. What the processor publishes while a window is
 * open (stream-processor/RATIONALE.md): the running 1-minute rows of the groups agent, model, operation
 * and all every emit interval (1 s), and of the series (agent x model x operation) every series emit
 * interval (10 s); coarser windows are written once, when they close, which a fixed clock never sees.
 * Rows go through the processor's own {@link PostgresRollupSink} (forward-only upsert, one transaction
 * a flush); a row's count starts from what the backfill stored, so every write moves it forward, and its
 * sketch is the pool's sketch for the new count (real size and shape; the version the query API's
 * live-sketch cache keys on is the count). Single-threaded: LiveIngest's timer calls every method.
 */
final class LiveRollups {
    static final long GROUP_EMIT_MS = 1_000;
    static final long SERIES_EMIT_MS = 10_000;
    private static final long MINUTE = Granularity.MINUTE.millis();

    /** One 1-minute row: key columns and running sums (the backfill's, then ours). */
    private static final class Row {
        final String grp;
        final String agent;
        final String model;
        final String operation;
        final long start;
        long count;
        long errors;
        long inTokens;
        long outTokens;
        double cost;
        /** SketchPool shape: a model's index, or -1 for a mix of models. */
        final int shape;

        Row(String grp, String agent, String model, String operation, long start, int shape) {
            this.grp = grp;
            this.agent = agent;
            this.model = model;
            this.operation = operation;
            this.start = start;
            this.shape = shape;
        }
    }

    private final PostgresRollupSink sink;
    private final DataSource ds;
    private final Fleet fleet;
    private final SketchPool pool;
    private final Map<String, Row> rows = new HashMap<>();
    private final Set<Row> groupsDirty = new LinkedHashSet<>();
    private final Set<Row> seriesDirty = new LinkedHashSet<>();
    private final Set<Long> loadedMinutes = new java.util.HashSet<>();
    private long lastGroupFlush;
    private long lastSeriesFlush;
    private volatile long written;

    LiveRollups(DataSource ds, Fleet fleet, long nowMs) {
        this.ds = ds;
        this.sink = new PostgresRollupSink(ds);
        this.fleet = fleet;
        this.pool = new SketchPool(fleet.models);
        this.lastGroupFlush = nowMs;
        this.lastSeriesFlush = nowMs;
    }

    /** Counts one call of {@code agent} on model index {@code m} that completed at {@code completedMs}. */
    void add(int agent, int m, long completedMs, long inTokens, long outTokens, double cost) throws SQLException {
        long start = Math.floorDiv(completedMs, MINUTE) * MINUTE;
        if (loadedMinutes.add(start)) {
            load(start);
        }
        String a = Fleet.agentId(agent);
        String model = fleet.model(m);
        touch(groupsDirty, "agent", a, "*", "*", start, -1, inTokens, outTokens, cost);
        touch(groupsDirty, "model", "*", model, "*", start, m, inTokens, outTokens, cost);
        touch(groupsDirty, "operation", "*", "*", Fleet.OPERATION, start, -1, inTokens, outTokens, cost);
        touch(groupsDirty, "all", "*", "*", "*", start, -1, inTokens, outTokens, cost);
        touch(seriesDirty, "series", a, model, Fleet.OPERATION, start, m, inTokens, outTokens, cost);
    }

    private void touch(Set<Row> dirty, String grp, String agent, String model, String op, long start, int shape,
                       long in, long out, double cost) {
        Row r = rows.computeIfAbsent(key(grp, agent, model, op, start), k -> new Row(grp, agent, model, op, start, shape));
        r.count++;
        r.inTokens += in;
        r.outTokens += out;
        r.cost += cost;
        dirty.add(r);
    }

    /** Writes what is due at wall time {@code nowMs}: groups every second, series every 10 s. */
    void flush(long nowMs) {
        List<WindowRollup> out = new ArrayList<>();
        if (nowMs - lastGroupFlush >= GROUP_EMIT_MS) {
            drain(groupsDirty, out, nowMs);
            lastGroupFlush = nowMs;
        }
        if (nowMs - lastSeriesFlush >= SERIES_EMIT_MS) {
            drain(seriesDirty, out, nowMs);
            lastSeriesFlush = nowMs;
        }
        if (!out.isEmpty()) {
            sink.upsert(out);
            written += out.size();
        }
    }

    private void drain(Set<Row> dirty, List<WindowRollup> out, long nowMs) {
        for (Row r : dirty) {
            SketchPool.Entry s = pool.get(r.shape, r.count);
            out.add(WindowRollup.newBuilder().setGranularity("1m").setGrp(r.grp).setAgentId(r.agent).setModel(r.model)
                    .setOperation(r.operation).setWindowStart(Instant.ofEpochMilli(r.start))
                    .setWindowEnd(Instant.ofEpochMilli(r.start + MINUTE)).setIsFinal(false).setCount(r.count)
                    .setErrors(r.errors).setInputTokens(r.inTokens).setOutputTokens(r.outTokens).setCachedInputTokens(0)
                    .setReasoningTokens(0).setCostUsd(r.cost).setLatencySketch(ByteBuffer.wrap(s.bytes()))
                    .setP50Ms(s.p50()).setP95Ms(s.p95()).setP99Ms(s.p99()).setErrorTypes(Map.of())
                    .setUpdatedAt(Instant.ofEpochMilli(nowMs)).build());
        }
        dirty.clear();
    }

    /** Rollup rows written so far. */
    long written() {
        return written;
    }

    /** The backfill's rows of one minute, so our counts continue from theirs (the upsert only moves forward). */
    private void load(long start) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT grp, agent_id, model, operation, count, errors,"
                     + " input_tokens, output_tokens, cost_usd FROM rollup_1m WHERE window_start = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(start)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String grp = rs.getString(1);
                    String model = rs.getString(3);
                    int shape = grp.equals("model") || grp.equals("series") ? fleet.modelIndex(model) : -1;
                    Row r = new Row(grp, rs.getString(2), model, rs.getString(4), start, shape);
                    r.count = rs.getLong(5);
                    r.errors = rs.getLong(6);
                    r.inTokens = rs.getLong(7);
                    r.outTokens = rs.getLong(8);
                    r.cost = rs.getDouble(9);
                    rows.put(key(r.grp, r.agent, r.model, r.operation, start), r);
                }
            }
        }
    }

    private static String key(String grp, String agent, String model, String op, long start) {
        return grp + '|' + agent + '|' + model + '|' + op + '|' + start;
    }
}
