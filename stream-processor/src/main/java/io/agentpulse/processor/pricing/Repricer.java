package io.agentpulse.processor.pricing;

import io.agentpulse.contract.Granularity;
import io.agentpulse.contract.sketch.SketchCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Runs repricing jobs (reprice_jobs, V44) against PostgreSQL. One job = one transaction: claim the
 * oldest requested job (FOR UPDATE SKIP LOCKED: several processors never run one twice), read the
 * range's catalog-priced and unpriced raw events, reprice them ({@link Repricing}), write the events'
 * new cost and version, add each rollup row's delta to its cost and to cost_adjust_usd (which the sink
 * keeps through later re-emissions of the window), mark the job done. All or nothing: a crash rolls
 * everything back and leaves the job requested, so it runs again from the start, and a second job on
 * the same range finds every event priced already and changes nothing. RATIONALE.md "Repricing".
 */
public final class Repricer {
    private static final String CLAIM = "SELECT id, range_from, range_to, model FROM reprice_jobs WHERE status = 'requested' "
            + "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";
    private static final String EVENTS = "SELECT event_id, floor(extract(epoch FROM event_time) * 1000)::int8, kind, agent_id, "
            + "model, operation, latency_ms, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd, "
            + "price_version FROM agent_events WHERE event_time >= ? AND event_time < ? AND model IS NOT NULL "
            + "AND (cost_source = 'catalog' OR cost_source IS NULL)";
    private static final String UPDATE_EVENTS = "UPDATE agent_events e SET cost_usd = u.cost, price_version = u.version, "
            + "cost_source = 'catalog' FROM unnest(?::text[], ?::int8[], ?::float8[], ?::text[]) AS u(id, t, cost, version) "
            + "WHERE e.event_id = u.id AND e.event_time = timestamptz 'epoch' + u.t * interval '1 millisecond'";
    private static final String DONE = "UPDATE reprice_jobs SET status = 'done', finished_at = ?, events_scanned = ?, "
            + "events_repriced = ?, rows_adjusted = ?, rows_missing = ?, delta_usd = ? WHERE id = ?";
    private static final String FAILED = "UPDATE reprice_jobs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'requested'";

    private final DataSource dataSource;
    private final List<Granularity> granularities;
    private final Clock clock;

    public Repricer(DataSource dataSource, List<Granularity> granularities, Clock clock) {
        this.dataSource = dataSource;
        this.granularities = List.copyOf(granularities);
        this.clock = clock;
    }

    /** Runs the oldest requested job with {@code book}; returns its id, or -1 when none was waiting. */
    public long runNext(PriceBook book) {
        long[] claimed = {-1};
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                run(c, book, claimed);
                c.commit();
                return claimed[0];
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (claimed[0] >= 0) {
                    fail(claimed[0], e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Repricing failed: " + e.getMessage(), e);
        }
    }

    private void run(Connection c, PriceBook book, long[] claimed) throws SQLException {
        String model;
        OffsetDateTime from;
        OffsetDateTime to;
        try (PreparedStatement ps = c.prepareStatement(CLAIM); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return;
            }
            claimed[0] = rs.getLong(1);
            from = rs.getObject(2, OffsetDateTime.class);
            to = rs.getObject(3, OffsetDateTime.class);
            model = rs.getString(4);
        }
        Repricing plan = new Repricing(book, granularities);
        String filter = model == null ? null : PriceBook.normalise(model);
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setFetchSize(5_000); // streamed (autocommit is off): a long range is not read into memory at once
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Repricing.Row r = row(rs);
                    if (filter == null || matches(PriceBook.normalise(r.model()), filter)) {
                        plan.add(r);
                    }
                }
            }
        }
        updateEvents(c, plan.changes());
        long[] rows = applyDeltas(c, plan.deltas());
        try (PreparedStatement ps = c.prepareStatement(DONE)) {
            ps.setObject(1, OffsetDateTime.now(clock));
            ps.setLong(2, plan.scanned());
            ps.setLong(3, plan.changes().size());
            ps.setLong(4, rows[0]);
            ps.setLong(5, rows[1]);
            ps.setDouble(6, plan.totalDelta());
            ps.setLong(7, claimed[0]);
            ps.executeUpdate();
        }
    }

    /** The job's model filter: the model itself or any dated/suffixed name of it (gpt-4o matches gpt-4o-2024-08-06). */
    static boolean matches(String model, String filter) {
        return model.equals(filter) || model.startsWith(filter) && "-@:._".indexOf(model.charAt(filter.length())) >= 0;
    }

    private static Repricing.Row row(ResultSet rs) throws SQLException {
        return new Repricing.Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), (Double) rs.getObject(7), (Long) rs.getObject(8), (Long) rs.getObject(9),
                (Long) rs.getObject(10), (Long) rs.getObject(11), (Double) rs.getObject(12), rs.getString(13));
    }

    private static void updateEvents(Connection c, List<Repricing.Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE_EVENTS)) {
            ps.setArray(1, c.createArrayOf("text", changes.stream().map(Repricing.Change::eventId).toArray()));
            ps.setArray(2, c.createArrayOf("int8", changes.stream().map(Repricing.Change::eventTimeMs).toArray()));
            ps.setArray(3, c.createArrayOf("float8", changes.stream().map(Repricing.Change::cost).toArray()));
            ps.setArray(4, c.createArrayOf("text", changes.stream().map(Repricing.Change::version).toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Adds each delta to its row; a row not written yet whose window is still open (a coarse window is
     * written once it closes) gets a placeholder (count 0, the delta as cost and adjustment) that the sink's
     * upsert then completes, keeping the adjustment. A missing row of a closed window (its series was folded
     * into _other, or the sink lags) is counted as missing and left: a rerun after the sink caught up fixes lag.
     * Returns {adjusted, missing}.
     */
    private long[] applyDeltas(Connection c, Map<Repricing.Cell, Double> deltas) throws SQLException {
        Map<String, Map<Repricing.Cell, Double>> byTable = new LinkedHashMap<>();
        deltas.forEach((cell, d) -> byTable.computeIfAbsent(cell.table(), t -> new LinkedHashMap<>()).put(cell, d));
        long adjusted = 0;
        long missing = 0;
        long now = clock.millis();
        for (Map.Entry<String, Map<Repricing.Cell, Double>> e : byTable.entrySet()) {
            Set<Repricing.Cell> found = update(c, e.getKey(), e.getValue());
            adjusted += found.size();
            Map<Repricing.Cell, Double> open = new LinkedHashMap<>();
            for (Map.Entry<Repricing.Cell, Double> d : e.getValue().entrySet()) {
                if (found.contains(d.getKey())) {
                    continue;
                }
                if (d.getKey().windowEnd() > now) {
                    open.put(d.getKey(), d.getValue());
                } else {
                    missing++;
                }
            }
            adjusted += placeholders(c, e.getKey(), open, now);
        }
        return new long[] {adjusted, missing};
    }

    private static Set<Repricing.Cell> update(Connection c, String table, Map<Repricing.Cell, Double> deltas) throws SQLException {
        String sql = "UPDATE " + table + " r SET cost_usd = r.cost_usd + u.d, cost_adjust_usd = r.cost_adjust_usd + u.d "
                + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::float8[]) AS u(grp, agent, model, op, ws, we, d) "
                + "WHERE r.grp = u.grp AND r.agent_id = u.agent AND r.model = u.model AND r.operation = u.op "
                + "AND r.window_start = timestamptz 'epoch' + u.ws * interval '1 millisecond' "
                + "RETURNING u.grp, u.agent, u.model, u.op, u.ws, u.we";
        Set<Repricing.Cell> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, deltas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Repricing.Cell(table, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return found;
    }

    private static long placeholders(Connection c, String table, Map<Repricing.Cell, Double> open, long now) throws SQLException {
        if (open.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + table + " AS r (grp, agent_id, model, operation, window_start, window_end, is_final, count, "
                + "errors, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cost_usd, cost_adjust_usd, "
                + "latency_sketch, updated_at) SELECT u.grp, u.agent, u.model, u.op, timestamptz 'epoch' + u.ws * interval '1 millisecond', "
                + "timestamptz 'epoch' + u.we * interval '1 millisecond', false, 0, 0, 0, 0, 0, 0, u.d, u.d, ?, "
                + "timestamptz 'epoch' + ?::int8 * interval '1 millisecond' "
                + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::float8[]) AS u(grp, agent, model, op, ws, we, d) "
                + "ON CONFLICT (grp, agent_id, model, operation, window_start) DO UPDATE SET cost_usd = r.cost_usd + EXCLUDED.cost_usd, "
                + "cost_adjust_usd = r.cost_adjust_usd + EXCLUDED.cost_adjust_usd";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, SketchCodec.encode(SketchCodec.newSketch()));
            ps.setLong(2, now);
            bind(c, ps, open, 2);
            return ps.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Map<Repricing.Cell, Double> deltas) throws SQLException {
        bind(c, ps, deltas, 0);
    }

    private static void bind(Connection c, PreparedStatement ps, Map<Repricing.Cell, Double> deltas, int offset) throws SQLException {
        List<Repricing.Cell> cells = new ArrayList<>(deltas.keySet());
        ps.setArray(offset + 1, c.createArrayOf("text", cells.stream().map(Repricing.Cell::grp).toArray()));
        ps.setArray(offset + 2, c.createArrayOf("text", cells.stream().map(Repricing.Cell::agent).toArray()));
        ps.setArray(offset + 3, c.createArrayOf("text", cells.stream().map(Repricing.Cell::model).toArray()));
        ps.setArray(offset + 4, c.createArrayOf("text", cells.stream().map(Repricing.Cell::operation).toArray()));
        ps.setArray(offset + 5, c.createArrayOf("int8", cells.stream().map(Repricing.Cell::windowStart).toArray()));
        ps.setArray(offset + 6, c.createArrayOf("int8", cells.stream().map(Repricing.Cell::windowEnd).toArray()));
        ps.setArray(offset + 7, c.createArrayOf("float8", cells.stream().map(deltas::get).toArray()));
    }

    private void fail(long id, Exception cause) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FAILED)) {
            ps.setObject(1, OffsetDateTime.now(clock));
            ps.setString(2, String.valueOf(cause.getMessage()));
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            // left requested: the next poll runs it again
        }
    }
}
