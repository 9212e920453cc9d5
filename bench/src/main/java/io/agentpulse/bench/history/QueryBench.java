package io.agentpulse.bench.history;

import io.agentpulse.bench.BenchReadme;
import io.agentpulse.bench.QueryAuth;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query latency of every dashboard query over the backfilled year, through the real query API
 * over HTTP (started on the backfilled database, all three tables filled, its clock at the
 * backfill's end: see {@link BenchApi}), for ranges of 1 hour, 1 day, 30 days and 1 year ending
 * there ({@link BenchQueries}); p50/p95 of {@code --rounds} rounds after {@code --warmup} rounds,
 * one request at a time, queries interleaved within a round.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.history.QueryBench --data-dir D}
 * (backfills first when D is empty; same options as {@link HistoryBackfill}, plus --rounds 100,
 * --warmup 20, --only A,B (queries whose name contains A or B; the README is then left alone),
 * --db-url JDBC-URL to use an already running server holding the backfill instead of D, --event-hours H
 * (raw agent_events before the end: {@link EventBackfill}) and --ingest-rate N (events/s written
 * through the processor's sink while measuring: {@link LiveIngest}; default 0).
 * {@code --timescale true}: the same on plain PostgreSQL and on TimescaleDB, before and after
 * compression, sizes too (see {@link TimescaleBench}).
 */
public final class QueryBench {
    /**
     * A query whose first measured round took longer than this (ms) is measured SLOW_ROUNDS times
     * only (marked in the table): its p95 misses the target by far anyway, and 100 rounds of a
     * 50-second query would take the benchmark past half an hour.
     */
    static final long SLOW_MS = 5_000;
    /** Issue 15's target for every dashboard query, at every range, with ingest running. */
    static final long TARGET_P95_MS = 100;
    static final int SLOW_ROUNDS = 3;

    private QueryBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = HistoryBackfill.options(args);
        if ("true".equals(o.get("--timescale"))) {
            TimescaleBench.run(o);
            return;
        }
        // A p95 of 30 rounds is the second slowest request: one pause made it. 100 rounds need five.
        // 20 warm-up rounds: after 3, the agents list's first measured requests still ran before the
        // JIT had compiled its sketch merging (p95 91-345 ms over an hour in four runs; after 20: 62-64).
        int rounds = Integer.parseInt(o.getOrDefault("--rounds", "100"));
        int warmup = Integer.parseInt(o.getOrDefault("--warmup", "20"));
        String only = o.get("--only");
        Path dir = Path.of(o.getOrDefault("--data-dir", "bench/target/history-pg"));
        String startLoad = loadNow();
        Vertx vertx = Vertx.vertx();
        EmbeddedPostgres pg = o.containsKey("--db-url") ? null : HistoryDb.start(dir);
        try {
            String url = pg == null ? o.get("--db-url") : pg.jdbcUrl();
            String user = pg == null ? o.getOrDefault("--db-user", "postgres") : pg.user();
            String password = pg == null ? o.getOrDefault("--db-password", "") : pg.password();
            long end = pg == null ? endOf(url, user, password) : HistoryBackfill.ensure(pg, o);
            // What autovacuum does on its own for insert-only partitions: index-only scans need
            // the visibility map (a no-op when the backfill's VACUUM already ran).
            exec(url, user, password, "VACUUM (ANALYZE) rollup_1d");
            String retention = retention(url, user, password, end);
            int ingestRate = Integer.parseInt(o.getOrDefault("--ingest-rate", "0"));
            try (BenchApi api = BenchApi.start(vertx, url, user, password, end);
                 LiveIngest ingest = LiveIngest.start(dataSource(url, user, password), Fleet.of(o), end, ingestRate)) {
                String body = measure(api, end, rounds, warmup, only, startLoad) + "\n" + rawEvents(url, user, password)
                        + " " + ingest.describe() + " " + retention + "\n";
                System.out.println(body);
                if (only == null) {
                    BenchReadme.write("query", "java -cp bench/target/bench.jar io.agentpulse.bench.history.QueryBench"
                            + (o.containsKey("--data-dir") ? "" : " --data-dir " + dir) + " " + String.join(" ", args), body);
                }
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    static String measure(BenchApi api, long end, int rounds, int warmup, String only, String startLoad) throws Exception {
        List<String> names = names(only);
        return table(names, nanos(api, end, rounds, warmup, names), rounds, warmup, startLoad);
    }

    /** The queries chosen by --only (all when null), in table order. */
    static List<String> names(String only) {
        List<String> names = new ArrayList<>();
        java.util.function.Predicate<String> chosen = q -> only == null
                || Arrays.stream(only.split(",")).anyMatch(part -> q.contains(part));
        BenchQueries.RANGED.keySet().stream().filter(chosen).forEach(names::add);
        BenchQueries.FIXED.keySet().stream().filter(chosen).forEach(names::add);
        return names;
    }

    /** Wall times (ns) per "query|range" (per query for the fixed ones) of the measured rounds. */
    static Map<String, List<Long>> nanos(BenchApi api, long end, int rounds, int warmup, List<String> names) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        for (int round = -warmup; round < rounds; round++) {
            for (var r : BenchQueries.RANGES.entrySet()) {
                for (String q : names) {
                    String path = BenchQueries.RANGED.get(q);
                    boolean fixed = path == null;
                    if (fixed && !r.getKey().equals("1 hour")) {
                        continue; // the same request whatever the range: once per round
                    }
                    String url = fixed ? api.base() + BenchQueries.FIXED.get(q)
                            : api.base() + path + "from=" + (end - r.getValue()) + "&to=" + end;
                    List<Long> seen = nanos.computeIfAbsent(fixed ? q : q + "|" + r.getKey(), k -> new ArrayList<>());
                    if (round >= 0 && seen.size() >= SLOW_ROUNDS && seen.get(0) > SLOW_MS * 1_000_000) {
                        continue;
                    }
                    long took = get(http, url, api.base());
                    if (round >= 0) {
                        seen.add(took);
                    }
                }
            }
        }
        return nanos;
    }

    /**
     * The one place that sends a request (credentials, when the API asks for them, go here).
     * Returns the wall time in ns of the whole exchange, body read; anything but 200 throws.
     * @param signedInTo the query API to sign in to (as the first admin)
     */
    private static long get(HttpClient http, String url, String signedInTo) throws Exception {
        HttpRequest request = QueryAuth.request(http, signedInTo, url.substring(signedInTo.length())).build();
        long t0 = System.nanoTime();
        HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        if (res.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + res.body());
        }
        return took;
    }

    private static String table(List<String> names, Map<String, List<Long>> nanos, int rounds, int warmup, String startLoad) {
        List<String> header = new ArrayList<>(List.of("query"));
        BenchQueries.RANGES.keySet().forEach(r -> header.add(r + " p50 / p95 ms"));
        List<List<String>> rows = new ArrayList<>();
        double worst = 0;
        String worstAt = "";
        for (String q : names) {
            List<String> row = new ArrayList<>(List.of(q));
            for (String r : BenchQueries.RANGES.keySet()) {
                long[] v = sorted(nanos, q, r);
                double p50 = percentileMs(v, 0.50);
                double p95 = percentileMs(v, 0.95);
                if (p95 > worst) {
                    worst = p95;
                    worstAt = q + ", " + r;
                }
                row.add(String.format("%.1f / %.1f", p50, p95) + (v.length < rounds ? " (" + v.length + " rounds)" : ""));
            }
            rows.add(row);
        }
        return String.format("Dashboard queries over HTTP against the query API on the backfilled year; %d rounds"
                + " after %d warm-up rounds (nearest-rank percentiles), one request at a time. The overview and the SLO report have a fixed"
                + " range (last 5 min / today / yesterday; last 30 days): one figure, repeated in every column. A query"
                + " over " + SLOW_MS / 1000 + " s in its first round is measured " + SLOW_ROUNDS + " times only (marked)."
                + " **Worst p95: %.1f ms** (%s): %s. Load average at the start of the measurement %s, at its end %s.%n%n",
                rounds, warmup, worst, worstAt, worst <= TARGET_P95_MS ? "target p95 <= " + TARGET_P95_MS + " ms met"
                        : "**MISS** of the target p95 <= " + TARGET_P95_MS + " ms", startLoad, loadNow()) + BenchReadme.table(header, rows);
    }

    /** The measured wall times of query q over range r, ascending (ns). */
    static long[] sorted(Map<String, List<Long>> nanos, String q, String r) {
        return (BenchQueries.FIXED.containsKey(q) ? nanos.get(q) : nanos.get(q + "|" + r))
                .stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Nearest-rank percentile of ascending ns values, in ms. */
    static double percentileMs(long[] ascending, double p) {
        return ascending[(int) Math.ceil(p * ascending.length) - 1] / 1e6;
    }

    static String loadNow() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return l[0] + " / " + l[1] + " / " + l[2] + " (1 / 5 / 15 min)";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static javax.sql.DataSource dataSource(String url, String user, String password) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** What agent_events and agent_last_seen held when the measurement began (planner estimates: no scan). */
    private static String rawEvents(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint,"
                     + " (SELECT count(*) FROM agent_last_seen) FROM pg_partition_tree('agent_events') p"
                     + " JOIN pg_class c ON c.oid = p.relid WHERE p.isleaf")) {
            rs.next();
            return String.format("Raw events present: about %,d rows in agent_events (see the events section for their"
                    + " span); agent_last_seen: %,d agents.", rs.getLong(1), rs.getLong(2));
        }
    }

    /**
     * Runs the processor's retention job once, with the default retention and its clock at the backfill's
     * end, as a deployment's processor does within its first minute: the backfill creates the time
     * partitions of a whole year for every table (empty where retention would not keep rows: 7 days of raw
     * events, 30 of minutes), and 371 partitions of agent_events cost every raw-event query ~25 ms of
     * planning that a real database never pays. No backfilled row is older than its table's retention.
     */
    private static String retention(String url, String user, String password, long end) {
        var job = new io.agentpulse.processor.retention.RetentionJob(
                new io.agentpulse.processor.retention.PgPartitionStore(dataSource(url, user, password)),
                new io.agentpulse.processor.retention.RetentionPolicy(io.agentpulse.processor.retention.RetentionConfig.defaults(),
                        java.time.Clock.fixed(java.time.Instant.ofEpochMilli(end), java.time.ZoneOffset.UTC)),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        var result = job.runOnce();
        return String.format("Before measuring, the processor's retention job ran once with the default retention at the"
                + " backfill's end (as a deployment's processor does at start): %d empty time partitions beyond retention"
                + " dropped, %d rows deleted.", result.dropped().size(), result.defaultRowsDeleted());
    }

    private static long endOf(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (extract(epoch FROM max(window_end)) * 1000)::bigint FROM rollup_1m")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(String url, String user, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
