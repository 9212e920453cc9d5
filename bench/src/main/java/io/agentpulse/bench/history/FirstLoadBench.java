package io.agentpulse.bench.history;

import io.agentpulse.bench.BenchReadme;
import io.agentpulse.bench.QueryAuth;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * First load of the overview in the real browser against the backfilled year (issue 15: "first
 * load of the overview <= 1 s"): the query API started on the backfilled database as QueryBench
 * starts it ({@link BenchApi}: clock fixed at the backfill's end, the web UI served by its own
 * static routes from the classpath's webroot/), then bench/first-load.mjs opens the overview in
 * headless Debian chromium on a fresh context per load (cold cache, signed in as the first admin)
 * with the browser's clock at the backfill's end too, and times navigation start to first data,
 * defined as the browser e2e's figures.firstDataMs (tiles req-last and cost-hour filled), plus
 * until the trend charts of the range are drawn. The page's alert requests are answered by BenchApi's
 * alert routes (forwarded by the browser context; the all-in-one serves them on the same port).
 * A load that times out is a miss, shown as such.
 * Run from the repository root, after {@code cd web-ui && npm ci && OUT_DIR=target/classes/webroot npm run build}:
 * {@code java -cp bench/target/bench.jar:web-ui/target/classes io.agentpulse.bench.history.FirstLoadBench --data-dir D}
 * (options: --runs 10, --warmup 2, --ranges 1h,24h,30d,1y (hash ranges; the default view is 1h),
 * --timeout-ms 10000, --web-ui web-ui, --script bench/first-load.mjs, --readme false: print only;
 * the rest as {@link HistoryBackfill}, which backfills first when D is empty).
 */
public final class FirstLoadBench {
    /** The target: first data within this many ms of navigation start (p95 of the loads, no time-out). */
    static final long TARGET_MS = 1_000;

    private FirstLoadBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = HistoryBackfill.options(args);
        if (FirstLoadBench.class.getClassLoader().getResource("webroot/index.html") == null) {
            throw new IllegalStateException("No webroot/index.html on the classpath: build the web UI (cd web-ui && npm ci"
                    + " && OUT_DIR=target/classes/webroot npm run build) and add web-ui/target/classes to -cp.");
        }
        Path dir = Path.of(o.getOrDefault("--data-dir", "bench/target/history-pg"));
        boolean readme = !"false".equals(o.get("--readme"));
        String startLoad = QueryBench.loadNow();
        Vertx vertx = Vertx.vertx();
        try (EmbeddedPostgres pg = HistoryDb.start(dir)) {
            long end = HistoryBackfill.ensure(pg, o, readme);
            try (BenchApi api = BenchApi.start(vertx, pg.jdbcUrl(), pg.user(), pg.password(), end)) {
                JsonObject result = browse(o, api.base(), end);
                String body = report(result, o, startLoad);
                System.out.println(body);
                if (readme) {
                    BenchReadme.write("first-load", "java -cp bench/target/bench.jar:web-ui/target/classes"
                            + " io.agentpulse.bench.history.FirstLoadBench" + (o.containsKey("--data-dir") ? "" : " --data-dir " + dir)
                            + " " + String.join(" ", args), body);
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** Runs the node script against base; its "# result" JSON (per range: the measured loads). */
    static JsonObject browse(Map<String, String> o, String base, long end) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", o.getOrDefault("--script", "bench/first-load.mjs"))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = pb.environment();
        env.put("BASE_URL", base);
        env.put("ADMIN_PASSWORD", QueryAuth.password());
        env.put("END_MS", Long.toString(end));
        env.put("RANGES", o.getOrDefault("--ranges", "1h,24h,30d,1y"));
        env.put("RUNS", o.getOrDefault("--runs", "10"));
        env.put("WARMUP", o.getOrDefault("--warmup", "2"));
        env.put("TIMEOUT_MS", o.getOrDefault("--timeout-ms", "10000"));
        env.put("WEB_UI", o.getOrDefault("--web-ui", "web-ui"));
        Process p = pb.start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line);
                if (line.startsWith("# result ")) {
                    result = line.substring("# result ".length());
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("bench/first-load.mjs failed (exit " + p.exitValue() + "; see its output above)");
        }
        return new JsonObject(result);
    }

    /** The README body: a verdict line, then one row per range. */
    static String report(JsonObject result, Map<String, String> o, String startLoad) {
        List<List<String>> rows = new ArrayList<>();
        String verdict = null;
        List<String> missed = new ArrayList<>();
        for (String range : result.fieldNames()) {
            JsonArray loads = result.getJsonArray(range);
            long[] first = sorted(loads, "ms");
            long[] trends = sorted(loads, "trendsMs");
            boolean met = percentile(first, 0.95) <= TARGET_MS;
            if (!met) {
                missed.add(range);
            }
            if (verdict == null) {
                verdict = range + (met ? ": met" : ": MISS") + " (p95 " + ms(percentile(first, 0.95)) + ")";
            }
            rows.add(List.of(range, ms(percentile(first, 0.5)) + " / " + ms(percentile(first, 0.95)) + " / " + ms(first[first.length - 1]),
                    met ? "met" : "MISS", ms(percentile(trends, 0.5)) + " / " + ms(percentile(trends, 0.95)) + " / " + ms(trends[trends.length - 1]),
                    requests(loads), slowest(loads)));
        }
        return String.format("First load of the overview in headless Debian chromium against the query API on the backfilled"
                + " data (its clock and the browser's at the backfill's end), %s loads per range after %s warm-up(s), each in a"
                + " fresh browser context (cold cache, signed in as the admin by cookie; the alert requests forwarded to the"
                + " bench's alert routes). First data: from just before"
                + " navigation until the tiles req-last and cost-hour show figures (the browser e2e's firstDataMs);"
                + " trends: until the range's trend charts are drawn. A load over %s ms is a time-out and counts as a miss."
                + " **First data <= %d ms (p95), default view %s; %s.** Load average at the start %s, at the end %s.%n%n",
                o.getOrDefault("--runs", "10"), o.getOrDefault("--warmup", "2"), o.getOrDefault("--timeout-ms", "10000"),
                TARGET_MS, verdict, missed.isEmpty() ? "every range met" : "MISS for " + String.join(", ", missed), startLoad, QueryBench.loadNow())
                + BenchReadme.table(List.of("range", "first data p50 / p95 / max ms", "<= 1 s", "trends drawn p50 / p95 / max ms",
                        "API requests before first data (median / max)", "slowest API request before first data (worst load)"), rows);
    }

    /** The loads' values of key, ascending; a time-out (null) is Long.MAX_VALUE, so it sorts last and fails the target. */
    static long[] sorted(JsonArray loads, String key) {
        return loads.stream().map(JsonObject.class::cast)
                .mapToLong(l -> l.getLong(key) == null ? Long.MAX_VALUE : l.getLong(key)).sorted().toArray();
    }

    /** Nearest-rank percentile of ascending values. */
    static long percentile(long[] ascending, double p) {
        return ascending[(int) Math.ceil(p * ascending.length) - 1];
    }

    static String ms(long v) {
        return v == Long.MAX_VALUE ? "timed out" : Long.toString(v);
    }

    private static String requests(JsonArray loads) {
        long[] n = sorted(loads, "requests");
        java.util.Set<String> failed = new java.util.TreeSet<>();
        loads.stream().map(JsonObject.class::cast).forEach(l -> l.getJsonArray("failed", new JsonArray())
                .forEach(f -> failed.add(f.toString())));
        return percentile(n, 0.5) + " / " + n[n.length - 1] + (failed.isEmpty() ? "" : "; not OK: `" + String.join("`, `", failed) + "`");
    }

    private static String slowest(JsonArray loads) {
        return loads.stream().map(JsonObject.class::cast).map(l -> l.getJsonObject("slowest")).filter(s -> s != null)
                .max(java.util.Comparator.comparingLong(s -> s.getLong("ms")))
                .map(s -> "`" + s.getString("label") + "` " + s.getLong("ms") + " ms" + (s.getBoolean("open") ? " (still open)" : ""))
                .orElse("none");
    }
}
