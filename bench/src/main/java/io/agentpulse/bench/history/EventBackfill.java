package io.agentpulse.bench.history;

import io.agentpulse.bench.BenchReadme;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.agentpulse.contract.Completion;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Raw agent_events at the fleet's rate (every agent, {@link Fleet#agentCalls} calls a minute times
 * its factor, models by their share) for the last {@code hours} hours before the backfill's end,
 * with COPY, one (hour) job per connection at a time; then agent_last_seen as the processor's sink
 * leaves it (first and last completion per agent, V41). Calls are spans (every 5th a tool call,
 * errors at the model's rate); every 50th call also gets a FEEDBACK event. Deterministic: the
 * same options write the same rows. Counts agree with the rollups on average, not row for row.
 */
final class EventBackfill {
    private static final String COLUMNS = "(event_id, event_time, agent_id, kind, environment, model, provider, operation,"
            + " latency_ms, input_tokens, output_tokens, cost_usd, cost_source, status, error_type, tool_name, feedback_score)";
    private static final double GIB = 1024.0 * 1024 * 1024;
    private final Fleet fleet;
    private final long endMs;
    private final Map<String, long[]> seen = new ConcurrentHashMap<>(); // agent -> {first, last} completion, ms

    EventBackfill(Fleet fleet, long endMs) {
        this.fleet = fleet;
        this.endMs = endMs;
    }

    /**
     * With {@code --event-hours H} (default 0: none), fills agent_events for the H hours before the
     * backfill's end unless it holds rows already, and reports rows, time and size, and how many
     * days of raw events at this rate the disk under the data directory still has room for.
     */
    static void ensure(EmbeddedPostgres pg, Map<String, String> o, long endMs) throws Exception {
        double hours = Double.parseDouble(o.getOrDefault("--event-hours", "0"));
        if (hours <= 0) {
            return;
        }
        if (HistoryDb.scalar(pg, "SELECT count(*) FROM (SELECT 1 FROM agent_events LIMIT 1) x") > 0) {
            System.out.println("agent_events already holds raw events; delete the data directory to write them again.");
            return;
        }
        Fleet fleet = Fleet.of(o);
        long t0 = System.nanoTime();
        long rows = new EventBackfill(fleet, endMs).run(pg.dataSource(), hours, Integer.parseInt(o.getOrDefault("--threads", "2")));
        HistoryDb.exec(pg, "VACUUM ANALYZE agent_events");
        HistoryDb.exec(pg, "VACUUM ANALYZE agent_last_seen");
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes = HistoryDb.scalar(pg, "SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('agent_events')");
        long free = java.nio.file.Files.getFileStore(Path.of(o.getOrDefault("--data-dir", "bench/target/history-pg"))).getUsableSpace();
        double perDay = bytes * 24.0 / hours;
        String body = String.format("Raw events: %.2f h of %d agents x %d models at %.0f calls per agent-minute: %,d rows of"
                + " agent_events in %.0f s (%,.0f rows/s, then VACUUM ANALYZE), %.2f GiB with indexes (%.0f bytes a row):"
                + " %.1f GiB a day at this rate; the disk has %.1f GiB free, room for about %.1f more days.%n",
                hours, fleet.agents, fleet.models, fleet.callsPerAgentMinute, rows, seconds, rows / seconds,
                bytes / GIB, bytes / (double) Math.max(1, rows), perDay / GIB, free / GIB, free / perDay);
        System.out.println(body);
        if (!o.containsKey("--only")) {
            BenchReadme.write("events", "java -cp bench/target/bench.jar io.agentpulse.bench.history.HistoryBackfill --event-hours "
                    + o.get("--event-hours"), body);
        }
    }

    /** Writes [end - hours, end) hour by hour on {@code threads} connections; returns the rows written. */
    long run(DataSource ds, double hours, int threads) throws Exception {
        long from = Math.floorDiv(endMs - Math.round(hours * Backfill.HOUR), Backfill.MINUTE) * Backfill.MINUTE;
        AtomicLong rows = new AtomicLong();
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (long lo = from; lo < endMs; lo += Backfill.HOUR) {
                long start = lo;
                done.add(exec.submit(() -> rows.addAndGet(write(ds, start, Math.min(endMs, start + Backfill.HOUR)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            exec.shutdown();
        }
        upsertLastSeen(ds);
        return rows.get();
    }

    private long write(DataSource ds, long fromMs, long toMs) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long n = 0;
            PGConnection pg = c.unwrap(PGConnection.class);
            try (OutputStream out = new BufferedOutputStream(
                    new PGCopyOutputStream(pg, "COPY agent_events " + COLUMNS + " FROM STDIN"), 1 << 20)) {
                StringBuilder line = new StringBuilder(512);
                for (long minute = fromMs; minute < toMs; minute += Backfill.MINUTE) {
                    double perAgent = fleet.agentCalls(minute, Backfill.MINUTE);
                    for (int a = 0; a < fleet.agents; a++) {
                        n += minute(out, line, a, minute, perAgent * fleet.agentFactor(a));
                    }
                }
            }
            c.commit();
            return n;
        }
    }

    /** One agent's calls in one minute; returns the rows written. */
    private long minute(OutputStream out, StringBuilder line, int a, long minute, double expected) throws IOException {
        SplittableRandom r = new SplittableRandom(minute * 1_000_003L + a);
        long calls = (long) Math.floor(expected + r.nextDouble()); // the expected count, on average
        String agent = Fleet.agentId(a);
        long rows = 0;
        for (int k = 0; k < calls; k++) {
            int m = model(r);
            long t = minute + r.nextLong(Backfill.MINUTE);
            double latency = Math.round(800 * Math.exp(r.nextGaussian() * 0.5) * 10) / 10.0; // median 800 ms
            boolean error = r.nextDouble() < Fleet.errorRate(m);
            String id = "bf-" + a + "-" + minute / Backfill.MINUTE + "-" + k;
            line.setLength(0);
            line.append(id).append('\t').append(Instant.ofEpochMilli(t)).append('\t').append(agent).append("\tSPAN\tprod\t")
                    .append(fleet.model(m)).append("\tbench\t").append(k % 5 == 0 ? "execute_tool" : Fleet.OPERATION).append('\t')
                    .append(latency).append('\t').append(Fleet.inputTokens(1, m)).append('\t').append(Fleet.outputTokens(1, m))
                    .append('\t').append(fleet.costPerCall(m)).append("\tcatalog\t").append(error ? "ERROR\ttimeout" : "OK\t\\N")
                    .append('\t').append(k % 5 == 0 ? "search" : "\\N").append("\t\\N\n");
            if (k % 50 == 0) {
                line.append(id).append("-fb\t").append(Instant.ofEpochMilli(t + 1)).append('\t').append(agent)
                        .append("\tFEEDBACK\tprod\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\tUNSET\t\\N\t\\N\t")
                        .append(r.nextInt(6)).append('\n');
                rows++;
                seen(agent, t + 1);
            }
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            rows++;
            seen(agent, Completion.of(t, latency));
        }
        return rows;
    }

    private int model(SplittableRandom r) {
        double u = r.nextDouble();
        for (int m = 0; m < fleet.models - 1; m++) {
            u -= fleet.modelShare(m);
            if (u < 0) {
                return m;
            }
        }
        return fleet.models - 1;
    }

    private void seen(String agent, long done) {
        seen.merge(agent, new long[] {done, done}, (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
    }

    /** As the sink's upsert: times only move outwards. */
    private void upsertLastSeen(DataSource ds) throws SQLException {
        String sql = "INSERT INTO agent_last_seen AS r (agent_id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT (agent_id) "
                + "DO UPDATE SET first_seen = LEAST(r.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(r.last_seen, EXCLUDED.last_seen)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (var e : seen.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(e.getValue()[0])));
                ps.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(e.getValue()[1])));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
