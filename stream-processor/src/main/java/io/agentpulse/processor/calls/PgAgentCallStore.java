package io.agentpulse.processor.calls;

import io.agentpulse.processor.store.LockedTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * agent_calls on PostgreSQL or TimescaleDB (V52). A run is one transaction under
 * pg_try_advisory_xact_lock, so two processor instances never rebuild at once (the second skips its run).
 * Minutes are aligned on the epoch in SQL (floor of epoch seconds). Spans are found through the partial
 * indexes of V52: stored since (ingested_at) and within a trace (trace_id).
 */
final class PgAgentCallStore implements AgentCallStore {
    /** Arbitrary, fixed: the advisory lock of the call-graph job. */
    static final long LOCK = 0x4150_4341_4c4cL;
    private static final String MINUTE = "floor(extract(epoch FROM c.event_time) / 60)::bigint * 60000";
    /** Spans stored since ?1 that started at or after ?2 (the parents' bound), children or parents. */
    private static final String TOUCHED = "WITH fresh AS (SELECT trace_id, span_id, parent_span_id, agent_id, event_time"
            + " FROM agent_events WHERE ingested_at >= ? AND trace_id IS NOT NULL AND span_id IS NOT NULL"
            + " AND kind = 'SPAN' AND event_time >= ?)"
            + " SELECT DISTINCT " + MINUTE + " FROM (SELECT event_time FROM fresh WHERE parent_span_id IS NOT NULL"
            + " UNION ALL SELECT c.event_time FROM fresh p JOIN agent_events c ON c.trace_id = p.trace_id"
            + " AND c.parent_span_id = p.span_id AND c.agent_id <> p.agent_id AND c.kind = 'SPAN'"
            + " AND c.event_time >= p.event_time - ?::interval AND c.event_time < p.event_time + ?::interval) c"
            + " WHERE c.event_time >= ?";
    /** Children started in [?1, ?2) joined to their earliest parent started in [?3, ?4), of another agent. */
    private static final String CALLS = "SELECT p.agent_id, c.agent_id, (extract(epoch FROM c.event_time) * 1000)::bigint,"
            + " CASE WHEN c.latency_ms >= 0 AND c.latency_ms <> 'Infinity'::float8 AND c.latency_ms <> 'NaN'::float8"
            + " THEN c.latency_ms END, c.status = 'ERROR'"
            + " FROM agent_events c CROSS JOIN LATERAL (SELECT agent_id FROM agent_events p WHERE p.trace_id = c.trace_id"
            + " AND p.span_id = c.parent_span_id AND p.kind = 'SPAN' AND p.event_time >= ? AND p.event_time < ?"
            + " ORDER BY p.event_time, p.event_id LIMIT 1) p"
            + " WHERE c.kind = 'SPAN' AND c.trace_id IS NOT NULL AND c.parent_span_id IS NOT NULL"
            + " AND c.event_time >= ? AND c.event_time < ? AND p.agent_id <> c.agent_id";
    static final String COLUMNS = "caller, callee, window_start, calls, errors, latency_count, latency_sum, latency_max, latency_sketch";

    private final DataSource dataSource;

    PgAgentCallStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean run(Consumer<Tx> work) {
        try {
            return LockedTransaction.run(dataSource, LOCK, c -> work.accept(new PgTx(c)));
        } catch (SQLException e) {
            throw new AgentCallException("Call-graph run failed: " + e.getMessage(), e);
        }
    }

    private record PgTx(Connection c) implements Tx {
        @Override
        public SortedSet<Long> minutesTouchedSince(Instant since, Instant notBefore, Instant parentsFrom) {
            String skew = (notBefore.toEpochMilli() - parentsFrom.toEpochMilli()) + " milliseconds";
            SortedSet<Long> out = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement(TOUCHED)) {
                ps.setTimestamp(1, Timestamp.from(since));
                ps.setTimestamp(2, Timestamp.from(parentsFrom));
                ps.setString(3, skew);
                ps.setString(4, skew);
                ps.setTimestamp(5, Timestamp.from(notBefore));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new AgentCallException("Finding the minutes with new spans failed: " + e.getMessage(), e);
            }
            return out;
        }

        @Override
        public List<AgentCall> calls(long fromMs, long toMs, long parentsFrom, long parentsTo) {
            List<AgentCall> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CALLS)) {
                ps.setTimestamp(1, new Timestamp(parentsFrom));
                ps.setTimestamp(2, new Timestamp(parentsTo));
                ps.setTimestamp(3, new Timestamp(fromMs));
                ps.setTimestamp(4, new Timestamp(toMs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AgentCall(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Double.class),
                                rs.getBoolean(5)));
                    }
                }
            } catch (SQLException e) {
                throw new AgentCallException("Reading the calls of the spans failed: " + e.getMessage(), e);
            }
            return out;
        }

        @Override
        public void replace(long fromMs, long toMs, List<EdgeMinute> rows) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM agent_calls WHERE window_start >= ? AND window_start < ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO agent_calls (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                del.setTimestamp(1, new Timestamp(fromMs));
                del.setTimestamp(2, new Timestamp(toMs));
                del.executeUpdate();
                for (EdgeMinute r : rows) {
                    ins.setString(1, r.caller());
                    ins.setString(2, r.callee());
                    ins.setTimestamp(3, new Timestamp(r.windowStart()));
                    ins.setLong(4, r.calls());
                    ins.setLong(5, r.errors());
                    ins.setLong(6, r.latencyCount());
                    ins.setDouble(7, r.latencySum());
                    if (r.latencyMax() == null) {
                        ins.setNull(8, Types.DOUBLE);
                    } else {
                        ins.setDouble(8, r.latencyMax());
                    }
                    ins.setBytes(9, r.sketch());
                    ins.addBatch();
                }
                ins.executeBatch();
            } catch (SQLException e) {
                throw new AgentCallException("Rewriting agent_calls failed: " + e.getMessage(), e);
            }
        }

        @Override
        public List<EdgeMinute> rows(long fromMs, long toMs) {
            String sql = "SELECT " + COLUMNS + " FROM agent_calls WHERE window_start >= ? AND window_start < ?"
                    + " ORDER BY caller COLLATE \"C\", callee COLLATE \"C\", window_start";
            List<EdgeMinute> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, new Timestamp(fromMs));
                ps.setTimestamp(2, new Timestamp(toMs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EdgeMinute(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime(), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6), rs.getDouble(7), rs.getObject(8, Double.class), rs.getBytes(9)));
                    }
                }
            } catch (SQLException e) {
                throw new AgentCallException("Reading agent_calls failed: " + e.getMessage(), e);
            }
            return out;
        }
    }
}
