package io.agentpulse.bench.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The record of every acknowledged event, and the check of PostgreSQL against it: each acknowledged
 * id stored once in agent_events, and for every (agent, 1-minute window) and for the whole fleet per
 * window, count and input-token sum equal to the oracle's (a double count or a loss shows in both).
 */
public final class Oracle {
    /** What the loader sent: id, agent, event time (epoch ms), input tokens. */
    public record Sent(String id, String agent, long epochMs, long inputTokens) {}

    /** Count and input-token sum of one window. */
    public record Sums(long count, long inputTokens) {}

    /** Every sent call takes this long; its window is the minute of its end (docs/CONTRACTS.md). */
    static final long LATENCY_MS = 250;

    private final Map<String, Sent> acked = new ConcurrentHashMap<>();

    void acknowledged(List<Sent> batch) {
        batch.forEach(s -> acked.put(s.id(), s));
    }

    public int size() {
        return acked.size();
    }

    static String json(List<Sent> batch) {
        StringBuilder b = new StringBuilder(batch.size() * 160).append('[');
        for (int i = 0; i < batch.size(); i++) {
            Sent s = batch.get(i);
            b.append(i == 0 ? "" : ",").append("{\"event_id\":\"").append(s.id()).append("\",\"agent_id\":\"").append(s.agent())
                    .append("\",\"event_time\":").append(s.epochMs()).append(",\"model\":\"gpt-4o\",\"operation\":\"chat\",")
                    .append("\"status\":\"OK\",\"latency_ms\":" + LATENCY_MS + ",\"input_tokens\":").append(s.inputTokens())
                    .append(",\"output_tokens\":10}");
        }
        return b.append(']').toString();
    }

    /** Expected sums by "agent|windowStartMs" of the minute each call ended in (agent "*" = the whole fleet). */
    public Map<String, Sums> expected() {
        Map<String, Sums> m = new TreeMap<>();
        for (Sent s : acked.values()) {
            long end = s.epochMs() + LATENCY_MS;
            long w = end - Math.floorMod(end, 60_000L);
            m.merge(s.agent() + "|" + w, new Sums(1, s.inputTokens()), Oracle::add);
            m.merge("*|" + w, new Sums(1, s.inputTokens()), Oracle::add);
        }
        return m;
    }

    private static Sums add(Sums a, Sums b) {
        return new Sums(a.count() + b.count(), a.inputTokens() + b.inputTokens());
    }

    /** The same sums as stored (grp 'agent' and 'all' rows of rollup_1m). */
    public static Map<String, Sums> stored(DataSource ds) {
        String sql = "SELECT agent_id, (extract(epoch FROM window_start) * 1000)::bigint, count, input_tokens"
                + " FROM rollup_1m WHERE grp IN ('agent', 'all')";
        Map<String, Sums> m = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1) + "|" + rs.getLong(2), new Sums(rs.getLong(3), rs.getLong(4)));
            }
        } catch (SQLException e) {
            return Map.of("error|" + e.getSQLState(), new Sums(-1, -1));
        }
        return m;
    }

    /** Distinct acknowledged ids present in agent_events, and total rows there (no double, no stranger). */
    public static long[] rawCounts(DataSource ds) {
        String sql = "SELECT count(DISTINCT event_id), count(*) FROM agent_events";
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[] {-1, -1};
        }
    }

    /** Stored totals of the whole fleet (sum of 'all' counts). */
    public static long storedTotal(Map<String, Sums> stored) {
        return stored.entrySet().stream().filter(e -> e.getKey().startsWith("*|")).mapToLong(e -> e.getValue().count()).sum();
    }

    /** True when PostgreSQL equals the oracle exactly (rollups and raw rows). */
    public boolean matches(DataSource ds) {
        long[] raw = rawCounts(ds);
        return raw[0] == acked.size() && raw[1] == acked.size() && stored(ds).equals(expected());
    }

    /** A short description of the first differences, for a failure message. */
    public String diff(DataSource ds) {
        Map<String, Sums> exp = expected();
        Map<String, Sums> got = stored(ds);
        StringBuilder b = new StringBuilder("raw(distinct,rows)=" + java.util.Arrays.toString(rawCounts(ds)) + " acked=" + acked.size());
        exp.forEach((k, v) -> {
            if (!v.equals(got.get(k)) && b.length() < 2000) {
                b.append("\n  ").append(k).append(" expected ").append(v).append(" stored ").append(got.get(k));
            }
        });
        got.keySet().stream().filter(k -> !exp.containsKey(k)).limit(10).forEach(k -> b.append("\n  unexpected ").append(k));
        return b.toString();
    }
}
