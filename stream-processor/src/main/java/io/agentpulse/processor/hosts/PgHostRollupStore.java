package io.agentpulse.processor.hosts;

import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.JobAlertSql;
import io.agentpulse.processor.store.LockedTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The host rollups on PostgreSQL or TimescaleDB (V47). A run is one transaction under
 * pg_try_advisory_xact_lock, so two processor instances never rebuild at once (the second skips
 * its run). Windows are aligned on the epoch in SQL (floor of epoch seconds), as {@link Granularity}.
 * Each contiguous run of windows is one DELETE and one INSERT .. SELECT .. GROUP BY, reading the
 * heartbeats through the partial index on event_time (V47) or the finer table's primary key range.
 */
final class PgHostRollupStore implements HostRollupStore {
    /** Arbitrary, fixed: the advisory lock of the host job (hashtext('agentpulse.host-rollups') would do too). */
    static final long LOCK = 0x4150_484f_5354L;
    /** Rules and instance states (host_alert_state: rule_id, host). */
    private static final JobAlertSql SQL = new JobAlertSql("host_alert_state", "host", "host", HostRollupException::new);
    static final String COLUMNS = "host, agent_id, window_start, window_end, samples, cpu_samples, cpu_sum, cpu_max,"
            + " mem_samples, mem_sum, mem_max, last_time, last_cpu, last_mem";
    /** Heartbeats with their host, minute and valid values (CPU in [0, 1], memory >= 0; NaN fails both tests). */
    private static final String BEATS = "SELECT coalesce(nullif(attributes ->> 'host.name', ''), agent_id) AS host, agent_id,"
            + " to_timestamp(floor(extract(epoch FROM event_time) / 60) * 60) AS ws, event_time, event_id,"
            + " CASE WHEN host_cpu >= 0 AND host_cpu <= 1 THEN host_cpu END AS cpu,"
            + " CASE WHEN host_memory_bytes >= 0 THEN host_memory_bytes END AS mem"
            + " FROM agent_events WHERE kind = 'HEARTBEAT' AND event_time >= ? AND event_time < ?";
    private static final String FROM_RAW = "INSERT INTO host_rollup_1m (" + COLUMNS + ")"
            + " SELECT host, agent_id, ws, ws + interval '1 minute', count(*), count(cpu), coalesce(sum(cpu), 0), max(cpu),"
            + " count(mem), coalesce(sum(mem), 0), max(mem), max(event_time),"
            + " (array_agg(cpu ORDER BY event_time DESC, event_id DESC))[1], (array_agg(mem ORDER BY event_time DESC, event_id DESC))[1]"
            + " FROM (" + BEATS + ") b GROUP BY host, agent_id, ws";

    private final DataSource dataSource;

    PgHostRollupStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean run(Consumer<Tx> work) {
        try {
            return LockedTransaction.run(dataSource, LOCK, c -> work.accept(new PgTx(c)));
        } catch (SQLException e) {
            throw new HostRollupException("Host rollup run failed: " + e.getMessage(), e);
        }
    }

    static String table(Granularity g) {
        return "host_rollup_" + g.label();
    }

    /** Contiguous runs of windows of size {@code size}: [from, to) each. */
    static List<long[]> runs(SortedSet<Long> starts, long size) {
        List<long[]> out = new ArrayList<>();
        for (long s : starts) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last[1] == s) {
                last[1] = s + size;
            } else {
                out.add(new long[] {s, s + size});
            }
        }
        return out;
    }

    private record PgTx(Connection c) implements Tx {
        @Override
        public SortedSet<Long> minutesIngestedSince(Instant since, Instant notBefore) {
            String sql = "SELECT DISTINCT floor(extract(epoch FROM event_time) / 60)::bigint * 60000 FROM agent_events"
                    + " WHERE kind = 'HEARTBEAT' AND ingested_at >= ? AND event_time >= ?";
            SortedSet<Long> out = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(since));
                ps.setTimestamp(2, Timestamp.from(notBefore));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new HostRollupException("Finding the minutes with new heartbeats failed: " + e.getMessage(), e);
            }
            return out;
        }

        @Override
        public void rebuild(Granularity g, SortedSet<Long> windowStarts) {
            String table = table(g);
            String insert = g == Granularity.MINUTE ? FROM_RAW : fromFiner(g);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE window_start >= ? AND window_start < ?");
                 PreparedStatement ins = c.prepareStatement(insert)) {
                for (long[] run : runs(windowStarts, g.millis())) {
                    for (PreparedStatement ps : List.of(del, ins)) {
                        ps.setTimestamp(1, new Timestamp(run[0]));
                        ps.setTimestamp(2, new Timestamp(run[1]));
                        ps.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                throw new HostRollupException("Rebuilding " + table + " failed: " + e.getMessage(), e);
            }
        }

        private static String fromFiner(Granularity g) {
            long s = g.millis() / 1000;
            String ws = "to_timestamp(floor(extract(epoch FROM window_start) / " + s + ") * " + s + ")";
            return "INSERT INTO " + table(g) + " (" + COLUMNS + ")"
                    + " SELECT host, agent_id, " + ws + ", " + ws + " + interval '" + s + " seconds', sum(samples), sum(cpu_samples),"
                    + " sum(cpu_sum), max(cpu_max), sum(mem_samples), sum(mem_sum), max(mem_max), max(last_time),"
                    + " (array_agg(last_cpu ORDER BY last_time DESC))[1], (array_agg(last_mem ORDER BY last_time DESC))[1]"
                    + " FROM " + table(Granularity.values()[g.ordinal() - 1])
                    + " WHERE window_start >= ? AND window_start < ? GROUP BY host, agent_id, " + ws;
        }

        @Override
        public List<HostRow> rows(Granularity g, long fromMs, long toMs) {
            String sql = "SELECT " + COLUMNS + " FROM " + table(g) + " WHERE window_start >= ? AND window_start < ?"
                    + " ORDER BY host COLLATE \"C\", agent_id COLLATE \"C\", window_start";
            List<HostRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, new Timestamp(fromMs));
                ps.setTimestamp(2, new Timestamp(toMs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HostRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime(), rs.getLong(5),
                                rs.getLong(6), rs.getDouble(7), rs.getObject(8, Double.class), rs.getLong(9), rs.getDouble(10),
                                rs.getObject(11, Long.class), rs.getTimestamp(12).getTime(), rs.getObject(13, Double.class),
                                rs.getObject(14, Long.class)));
                    }
                }
            } catch (SQLException e) {
                throw new HostRollupException("Reading " + table(g) + " failed: " + e.getMessage(), e);
            }
            return out;
        }

        @Override
        public List<String> ruleJsons() {
            return SQL.ruleJsons(c);
        }

        @Override
        public Map<StateKey, byte[]> alertStates() {
            return SQL.states(c, StateKey::new);
        }

        @Override
        public void putAlertState(StateKey key, byte[] state) {
            SQL.put(c, key.ruleId(), key.host(), state);
        }
    }
}
