package io.agentpulse.bench.history;

import io.agentpulse.bench.BenchReadme;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What TimescaleDB changes on the backfilled history: the same backfill ({@link HistoryBackfill}
 * options) into plain PostgreSQL and into TimescaleDB, each under its own folder of --data-dir
 * (default bench/target/history-compare: {@code plain/}, {@code timescaledb/}); storage size per
 * table, and the p50/p95 of every dashboard query ({@link QueryBench}) on plain PostgreSQL, on
 * TimescaleDB as written, and on TimescaleDB after its compression policies ran ({@code run_job}
 * of each policy at the backfill's end: chunks older than 2 days to 60 days, per table, compressed).
 * Writes section {@code timescale} of bench/README.md (unless --only is given).
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.history.QueryBench --timescale true
 * [--days 365 --agents 1000 --rounds 30 --warmup 3]}.
 */
final class TimescaleBench {
    private static final String PLAIN_SIZES = "SELECT t.name, sum(pg_total_relation_size(i.inhrelid))::bigint"
            + " FROM agentpulse_timed_tables t JOIN pg_inherits i ON i.inhparent = to_regclass(t.name) GROUP BY 1";
    private static final String HYPERTABLE_SIZES = "SELECT name, hypertable_size(to_regclass(name)) FROM agentpulse_timed_tables";

    /** One storage's figures: bytes per table, wall times per query. */
    record Figures(Map<String, Long> bytes, Map<String, List<Long>> nanos) {}

    private TimescaleBench() {}

    static void run(Map<String, String> o) throws Exception {
        int rounds = Integer.parseInt(o.getOrDefault("--rounds", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("--warmup", "3"));
        String only = o.get("--only");
        Path dir = Path.of(o.getOrDefault("--data-dir", "bench/target/history-compare"));
        String startLoad = QueryBench.loadNow();
        List<String> names = QueryBench.names(only);
        Map<String, Figures> figures = new LinkedHashMap<>();
        Vertx vertx = Vertx.vertx();
        try {
            try (EmbeddedPostgres pg = HistoryDb.start(dir.resolve("plain"), false)) {
                long end = HistoryBackfill.ensure(pg, o, false);
                figures.put("PostgreSQL " + version(pg), measure(vertx, pg, end, PLAIN_SIZES, rounds, warmup, names));
            }
            try (EmbeddedPostgres pg = HistoryDb.start(dir.resolve("timescaledb"), true)) {
                long end = HistoryBackfill.ensure(pg, o, false);
                figures.put("TimescaleDB on " + version(pg), measure(vertx, pg, end, HYPERTABLE_SIZES, rounds, warmup, names));
                runCompressionPolicies(pg);
                figures.put("TimescaleDB compressed", measure(vertx, pg, end, HYPERTABLE_SIZES, rounds, warmup, names));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        String body = body(o, figures, names, rounds, startLoad);
        System.out.println(body);
        if (only == null) {
            BenchReadme.write("timescale", "java -cp bench/target/bench.jar io.agentpulse.bench.history.QueryBench"
                    + " --timescale true" + options(o), body);
        }
    }

    private static Figures measure(Vertx vertx, EmbeddedPostgres pg, long end, String sizes, int rounds, int warmup,
                                   List<String> names) throws Exception {
        HistoryDb.exec(pg, "VACUUM ANALYZE");
        Map<String, Long> bytes = longs(pg, sizes);
        try (BenchApi api = BenchApi.start(vertx, pg.jdbcUrl(), pg.user(), pg.password(), end)) {
            return new Figures(bytes, QueryBench.nanos(api, end, rounds, warmup, names));
        }
    }

    /** Each table's compression policy, run now (as TimescaleDB's scheduler would, at the backfill's end). */
    private static void runCompressionPolicies(EmbeddedPostgres pg) throws SQLException {
        long t0 = System.nanoTime();
        Map<String, Long> jobs = longs(pg, "SELECT hypertable_name, job_id FROM timescaledb_information.jobs"
                + " WHERE proc_name = 'policy_compression'");
        for (long job : jobs.values()) {
            HistoryDb.exec(pg, "CALL run_job(" + job + ")");
        }
        System.out.printf("Ran %d compression policies in %.0f s%n", jobs.size(), (System.nanoTime() - t0) / 1e9);
    }

    private static String body(Map<String, String> o, Map<String, Figures> figures, List<String> names, int rounds,
                               String startLoad) {
        List<String> storages = new ArrayList<>(figures.keySet());
        List<List<String>> sizeRows = new ArrayList<>();
        for (String table : figures.get(storages.get(0)).bytes().keySet()) {
            List<String> row = new ArrayList<>(List.of(table));
            storages.forEach(s -> row.add(mib(figures.get(s).bytes().getOrDefault(table, 0L))));
            sizeRows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("**total**"));
        storages.forEach(s -> total.add(mib(figures.get(s).bytes().values().stream().mapToLong(Long::longValue).sum())));
        sizeRows.add(total);
        List<String> sizeHeader = new ArrayList<>(List.of("table"));
        storages.forEach(s -> sizeHeader.add(s + " MiB"));
        List<String> queryHeader = new ArrayList<>(List.of("query", "range"));
        storages.forEach(s -> queryHeader.add(s + " p50 / p95 ms"));
        List<List<String>> queryRows = new ArrayList<>();
        for (String q : names) {
            for (String r : BenchQueries.RANGES.keySet()) {
                if (BenchQueries.FIXED.containsKey(q) && !r.equals("1 hour")) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(q, BenchQueries.FIXED.containsKey(q) ? "fixed" : r));
                for (String s : storages) {
                    long[] v = QueryBench.sorted(figures.get(s).nanos(), q, r);
                    row.add(String.format("%.1f / %.1f", QueryBench.percentileMs(v, 0.5), QueryBench.percentileMs(v, 0.95)));
                }
                queryRows.add(row);
            }
        }
        return String.format("The same backfill (%s) on plain PostgreSQL (range partitions; the embedded default"
                        + " binaries) and on TimescaleDB 2.28 (hypertables; Debian's PostgreSQL 15, the one it is built"
                        + " into), each table's size (pg_total_relation_size of its partitions / hypertable_size),"
                        + " then every dashboard query over HTTP, %d rounds (nearest-rank percentiles), one request at a"
                        + " time; TimescaleDB once as written and once after its compression policies ran. Load average at"
                        + " the start %s, at the end %s.%n%n", backfill(o), rounds, startLoad, QueryBench.loadNow())
                + BenchReadme.table(sizeHeader, sizeRows) + "\n" + BenchReadme.table(queryHeader, queryRows);
    }

    private static String backfill(Map<String, String> o) {
        return o.getOrDefault("--days", "365") + " days, " + o.getOrDefault("--agents", "1000") + " agents x "
                + o.getOrDefault("--models", "10") + " models";
    }

    private static String options(Map<String, String> o) {
        StringBuilder sb = new StringBuilder();
        o.forEach((k, v) -> {
            if (!k.equals("--timescale")) {
                sb.append(' ').append(k).append(' ').append(v);
            }
        });
        return sb.toString();
    }

    /** The server's version: plain PostgreSQL runs the embedded default binaries, TimescaleDB Debian's 15. */
    private static String version(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT split_part(current_setting('server_version'), ' ', 1)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String mib(long bytes) {
        return String.format("%,.1f", bytes / 1024.0 / 1024);
    }

    private static Map<String, Long> longs(EmbeddedPostgres pg, String sql) throws SQLException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
