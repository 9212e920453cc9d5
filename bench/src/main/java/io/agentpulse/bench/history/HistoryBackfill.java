package io.agentpulse.bench.history;

import io.agentpulse.bench.BenchReadme;
import io.agentpulse.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backfills a year of rollups for 1000 agents x 10 models into an embedded PostgreSQL (see
 * {@link Backfill} for what is written), and reports rows, time and size.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.history.HistoryBackfill}
 * (options: --data-dir D (default bench/target/history-pg), --agents 1000, --models 10, --days 365,
 * --agent-minute-days 2, --threads 2, --calls-per-minute 60, --event-hours 0: hours of raw agent_events
 * before the end, {@link EventBackfill}). Skips the work when the database
 * already holds a backfill (delete the data directory to redo it), unless {@code --redo rollup_1w,rollup_4w}
 * names tables to empty and write again over the same range (e.g. tables added after the backfill).
 */
public final class HistoryBackfill {
    private HistoryBackfill() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        try (EmbeddedPostgres pg = HistoryDb.start(Path.of(o.getOrDefault("--data-dir", "bench/target/history-pg")))) {
            ensure(pg, o);
        }
    }

    /**
     * Backfills rollups unless rows are there already, then raw events when asked ({@link EventBackfill});
     * returns the end of the backfilled range (epoch ms).
     */
    static long ensure(EmbeddedPostgres pg, Map<String, String> o) throws Exception {
        return ensure(pg, o, true);
    }

    /** readme false: the figures are printed only (a reduced backfill must not replace the README's). */
    static long ensure(EmbeddedPostgres pg, Map<String, String> o, boolean readme) throws Exception {
        long end = rollups(pg, o, readme);
        EventBackfill.ensure(pg, o, end);
        return end;
    }

    private static long rollups(EmbeddedPostgres pg, Map<String, String> o, boolean readme) throws Exception {
        long existing = HistoryDb.scalar(pg, "SELECT count(*) FROM (SELECT 1 FROM rollup_1d LIMIT 1) x");
        if (existing > 0 && o.containsKey("--redo")) {
            return redo(pg, o, List.of(o.get("--redo").split(",")));
        }
        if (existing > 0) {
            long end = HistoryDb.scalar(pg, "SELECT (extract(epoch FROM max(window_end)) * 1000)::bigint FROM rollup_1m");
            System.out.println("The database already holds a backfill (ending " + java.time.Instant.ofEpochMilli(end)
                    + "); delete its data directory to redo it.");
            return end;
        }
        int agents = Integer.parseInt(o.getOrDefault("--agents", "1000"));
        int models = Integer.parseInt(o.getOrDefault("--models", "10"));
        int days = Integer.parseInt(o.getOrDefault("--days", "365"));
        int agentMinuteDays = Integer.parseInt(o.getOrDefault("--agent-minute-days", "2"));
        int threads = Integer.parseInt(o.getOrDefault("--threads", "2"));
        double rate = Double.parseDouble(o.getOrDefault("--calls-per-minute", "60"));
        long end = System.currentTimeMillis() / Backfill.MINUTE * Backfill.MINUTE;
        long t0 = System.nanoTime();
        HistoryDb.exec(pg, "SELECT agentpulse_ensure_partitions(to_timestamp(" + (end / 1000 - (days + 2) * 86_400L)
                + "), now() + interval '2 days')");
        Map<String, Long> rows = new Backfill(new Fleet(agents, models, rate), end)
                .run(pg.dataSource(), Backfill.plan(end, days, 30, agentMinuteDays), threads);
        double copySeconds = (System.nanoTime() - t0) / 1e9;
        HistoryDb.exec(pg, "VACUUM ANALYZE"); // sets the visibility map too, as autovacuum would: index-only scans
        double seconds = (System.nanoTime() - t0) / 1e9;
        report(pg, rows, agents, models, days, agentMinuteDays, copySeconds, seconds, readme);
        return end;
    }

    /** Empties the named tables and writes them again, ending where the existing backfill ends. */
    private static long redo(EmbeddedPostgres pg, Map<String, String> o, List<String> tables) throws Exception {
        long end = HistoryDb.scalar(pg, "SELECT (extract(epoch FROM max(window_end)) * 1000)::bigint FROM rollup_1m");
        int days = Integer.parseInt(o.getOrDefault("--days", "365"));
        int agentMinuteDays = Integer.parseInt(o.getOrDefault("--agent-minute-days", "2"));
        for (String t : tables) {
            if (!t.matches("rollup_(1m|5m|1h|1d|1w|4w)")) {
                throw new IllegalArgumentException("--redo takes rollup table names such as rollup_1w, not '" + t + "'.");
            }
            HistoryDb.exec(pg, "TRUNCATE " + t);
        }
        List<Backfill.Job> jobs = Backfill.plan(end, days, 30, agentMinuteDays).stream()
                .filter(j -> tables.contains(j.table())).toList();
        Map<String, Long> rows = new Backfill(Fleet.of(o), end)
                .run(pg.dataSource(), jobs, Integer.parseInt(o.getOrDefault("--threads", "2")));
        HistoryDb.exec(pg, "VACUUM ANALYZE");
        System.out.println("Rewrote " + rows + " ending " + java.time.Instant.ofEpochMilli(end) + ".");
        return end;
    }

    private static void report(EmbeddedPostgres pg, Map<String, Long> rows, int agents, int models, int days,
                               int agentMinuteDays, double copySeconds, double seconds, boolean readme) throws Exception {
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        List<List<String>> table = new ArrayList<>();
        rows.forEach((k, v) -> table.add(List.of(k, String.format("%,d", v))));
        table.add(List.of("**total**", String.format("%,d", total)));
        long bytes = HistoryDb.scalar(pg, "SELECT pg_database_size(current_database())");
        String body = String.format("Backfill of %d days, %d agents x %d models (1 operation), minute rows for 30 days"
                        + " (agent group: %d days): %,d rows in %.0f s (COPY %.0f s = %,.0f rows/s, then ANALYZE);"
                        + " database size %.1f GiB.%n%n", days, agents, models, agentMinuteDays, total, seconds,
                copySeconds, total / copySeconds, bytes / 1024.0 / 1024 / 1024)
                + BenchReadme.table(List.of("table/group", "rows"), table);
        System.out.println(body);
        if (!readme) {
            return;
        }
        BenchReadme.write("backfill", "java -cp bench/target/bench.jar io.agentpulse.bench.history.HistoryBackfill", body);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
