package io.agentpulse.bench.history;

import io.agentpulse.bench.QueryAuth;
import io.agentpulse.bench.BenchReadme;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query latency of the dashboard's queries over the backfilled year, through the real query API
 * over HTTP (started on the backfilled database, all three tables filled), for ranges of 1 hour,
 * 1 day, 30 days and 1 year ending at the backfill's end; p50/p95 of {@code --rounds} rounds
 * after {@code --warmup} rounds, one request at a time, queries interleaved within a round.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.history.QueryBench --data-dir D}
 * (backfills first when D is empty; same options as {@link HistoryBackfill}, plus --rounds 30, --warmup 3).
 */
public final class QueryBench {
    static final Map<String, Long> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("1 hour", 3_600_000L);
        RANGES.put("1 day", 86_400_000L);
        RANGES.put("30 days", 30 * 86_400_000L);
        RANGES.put("1 year", 365 * 86_400_000L);
    }

    /** The dashboard's queries (path and parameters, without from/to); steps are the API's auto step. */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("summary, overall", "/api/v1/summary?");
        QUERIES.put("summary, model filter", "/api/v1/summary?model=gpt-4o&");
        QUERIES.put("summary, agent filter", "/api/v1/summary?agent=agent-0042&");
        QUERIES.put("timeseries requests, overall", "/api/v1/timeseries?metric=requests&");
        QUERIES.put("timeseries p95, overall", "/api/v1/timeseries?metric=p95&");
        QUERIES.put("timeseries requests by model", "/api/v1/timeseries?metric=requests&group_by=model&");
        QUERIES.put("timeseries p95 by model", "/api/v1/timeseries?metric=p95&group_by=model&");
        QUERIES.put("timeseries requests by agent (top 10)", "/api/v1/timeseries?metric=requests&group_by=agent&");
        QUERIES.put("timeseries p99, agent filter", "/api/v1/timeseries?metric=p99&agent=agent-0042&");
    }

    private QueryBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = HistoryBackfill.options(args);
        int rounds = Integer.parseInt(o.getOrDefault("--rounds", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("--warmup", "3"));
        Path dir = Path.of(o.getOrDefault("--data-dir", "bench/target/history-pg"));
        Vertx vertx = Vertx.vertx();
        try (EmbeddedPostgres pg = HistoryDb.start(dir)) {
            long end = HistoryBackfill.ensure(pg, o);
            // What autovacuum does on its own for insert-only day partitions: index-only scans need
            // the visibility map (a no-op when the backfill's VACUUM already ran).
            HistoryDb.exec(pg, "VACUUM (ANALYZE) rollup_1d");
            Map<String, String> env = new java.util.HashMap<>(Map.of("AGENTPULSE_DB_URL", pg.jdbcUrl(), "AGENTPULSE_DB_USER", pg.user(),
                    "AGENTPULSE_DB_PASSWORD", pg.password(), "AGENTPULSE_QUERY_PORT", "0", "AGENTPULSE_QUERY_HOST", "127.0.0.1",
                    "AGENTPULSE_QUERY_FILLED_TABLES", "1m,1h,1d"));
            QueryAuth.configure(env);
            QueryApiServer api = QueryApiServer.start(vertx, QueryConfig.fromEnv(env), new InMemoryRollupFeed(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).toCompletionStage().toCompletableFuture().get();
            try {
                String body = measure("http://127.0.0.1:" + api.port(), end, rounds, warmup);
                System.out.println(body);
                BenchReadme.write("query", "java -cp bench/target/bench.jar io.agentpulse.bench.history.QueryBench"
                        + " --data-dir " + dir, body);
            } finally {
                api.close().toCompletionStage().toCompletableFuture().get();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    static String measure(String base, long end, int rounds, int warmup) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, long[]> nanos = new LinkedHashMap<>();
        Map<String, Integer> bytes = new LinkedHashMap<>();
        for (int round = -warmup; round < rounds; round++) {
            for (var r : RANGES.entrySet()) {
                for (var q : QUERIES.entrySet()) {
                    String key = q.getKey() + "|" + r.getKey();
                    String url = base + q.getValue() + "from=" + (end - r.getValue()) + "&to=" + end;
                    long t0 = System.nanoTime();
                    HttpResponse<String> res = http.send(QueryAuth.request(http, base, url.substring(base.length())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t0;
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + res.body());
                    }
                    if (round >= 0) {
                        nanos.computeIfAbsent(key, k -> new long[rounds])[round] = took;
                        bytes.put(key, res.body().length());
                    }
                }
            }
        }
        return table(nanos, rounds);
    }

    private static String table(Map<String, long[]> nanos, int rounds) {
        List<String> header = new ArrayList<>(List.of("query"));
        RANGES.keySet().forEach(r -> header.add(r + " p50 / p95 ms"));
        List<List<String>> rows = new ArrayList<>();
        double worst = 0;
        for (String q : QUERIES.keySet()) {
            List<String> row = new ArrayList<>(List.of(q));
            for (String r : RANGES.keySet()) {
                long[] v = nanos.get(q + "|" + r).clone();
                Arrays.sort(v);
                double p50 = v[(int) Math.ceil(0.50 * rounds) - 1] / 1e6;
                double p95 = v[(int) Math.ceil(0.95 * rounds) - 1] / 1e6;
                worst = Math.max(worst, p95);
                row.add(String.format("%.1f / %.1f", p50, p95));
            }
            rows.add(row);
        }
        return String.format("Dashboard queries over HTTP against the query API on the backfilled year; %d rounds"
                + " (nearest-rank percentiles), one request at a time. **Worst p95: %.1f ms.**%n%n", rounds, worst)
                + BenchReadme.table(header, rows);
    }
}
