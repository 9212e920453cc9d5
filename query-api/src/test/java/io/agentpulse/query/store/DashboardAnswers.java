package io.agentpulse.query.store;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Every dashboard query of the query API's PostgreSQL readers ({@link PgRollupReader} on every
 * rollup table, {@link PgEventReader}) over {@link SinkWriter}'s data, each answer rendered as text,
 * so that two databases' answers compare with one equals.
 */
final class DashboardAnswers {
    /** The dashboard contract's events (second-resolution, 60 s from here). */
    static final long EVENTS_T0 = DashboardStoresContract.T0;
    private static final Filters A1 = new Filters("a1", null, null);

    private DashboardAnswers() {}

    /** query -> answer; also "rows <table>": the row count of every timed table. */
    static SortedMap<String, String> of(PgDatabase db) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgFixture.pool(vertx, db, 2);
        try {
            SortedMap<String, String> out = new TreeMap<>();
            rollups(new PgRollupReader(pool), out);
            events(new PgEventReader(pool), out);
            for (Granularity g : Granularity.values()) {
                out.put("rows " + g.table(), rowCount(pool, g.table()));
            }
            out.put("rows agent_events", rowCount(pool, "agent_events"));
            return out;
        } finally {
            pool.close().await();
            vertx.close().await();
        }
    }

    /** Per step: start, calls, scores, their sum (to 1e-6: a float sum's order is the server's) and the histogram. */
    private static String feedback(List<FeedbackStep> steps) {
        StringBuilder b = new StringBuilder();
        for (FeedbackStep st : steps) {
            FeedbackSums f = st.sums();
            b.append(st.startMs()).append(':').append(f.calls()).append('/').append(f.count()).append('/')
                    .append(String.format(java.util.Locale.ROOT, "%.6f", f.sum())).append(java.util.Arrays.toString(f.histogram())).append(' ');
        }
        return b.toString();
    }

    private static void rollups(PgRollupReader r, Map<String, String> out) throws Exception {
        out.put("ping", String.valueOf(await(r.ping())));
        Map<String, long[]> ranges = Map.of("old", new long[] {SinkWriter.OLD, SinkWriter.OLD + SinkWriter.D},
                "recent", new long[] {TestFleet.T0, SinkWriter.NOW},
                "all", new long[] {SinkWriter.OLD - 60 * SinkWriter.D, SinkWriter.NOW + 60 * SinkWriter.D});
        for (Granularity g : Granularity.values()) {
            for (Map.Entry<String, long[]> range : ranges.entrySet()) {
                if (range.getKey().equals("all") && g.millis() < Granularity.HOUR.millis()) {
                    continue; // 200 days of minutes is 200 one-day reads per query: the old and recent days suffice
                }
                Segment seg = aligned(g, range.getValue()[0], range.getValue()[1]);
                String at = g.label() + " " + range.getKey() + " ";
                for (Filters f : List.of(Filters.NONE, A1)) {
                    out.put(at + "totals " + f, text(await(r.totals(new RollupQuery(Planner.group(f, null), f, seg), true))));
                    out.put(at + "feedback " + f, feedback(await(r.feedback(new RollupQuery(Planner.group(f, null), f, seg),
                            g.millis() * 2))));
                }
                for (Dimension d : Dimension.values()) {
                    RollupQuery byD = new RollupQuery(Planner.group(Filters.NONE, d), Filters.NONE, seg);
                    out.put(at + "topKeys " + d, String.valueOf(await(r.topKeys(byD, d, 2))));
                    out.put(at + "buckets " + d, buckets(await(r.buckets(byD, g.millis() * 2, d, null, true))));
                }
                RollupQuery all = new RollupQuery("all", Filters.NONE, seg);
                out.put(at + "buckets all", buckets(await(r.buckets(all, g.millis(), null, null, false))));
                RollupQuery pinned = new RollupQuery("series", A1, seg);
                out.put(at + "pairs a1 model x operation", pairs(await(r.pairs(pinned, Dimension.MODEL, Dimension.OPERATION))));
            }
        }
    }

    private static void events(PgEventReader r, Map<String, String> out) throws Exception {
        EventQuery minute = EventQuery.spans(EVENTS_T0, EVENTS_T0 + 60_000);
        out.put("find newest", String.valueOf(await(r.find(minute.withOrder(EventQuery.Order.NEWEST, 10)))));
        out.put("find slowest", String.valueOf(await(r.find(minute.withOrder(EventQuery.Order.SLOWEST, 5)))));
        out.put("find a0 errors", String.valueOf(await(r.find(minute.withAgent("a0").withStatus("ERROR")))));
        out.put("find heartbeats", String.valueOf(await(r.find(minute.withKind("HEARTBEAT")))));
        EventQuery recent = new EventQuery(TestFleet.T0, SinkWriter.NOW, "SPAN", "a3", "m2", "chat", null, 400.0,
                EventQuery.Order.SLOWEST, 3, 20);
        out.put("find recent slow a3", String.valueOf(await(r.find(recent))));
        out.put("find old", String.valueOf(await(r.find(EventQuery.spans(SinkWriter.OLD, SinkWriter.OLD + SinkWriter.D)))));
        for (String id : List.of("e7", "r5", "o5")) {
            out.put("byId " + id, String.valueOf(await(r.byId(id))));
        }
        out.put("lastSeen", new TreeMap<>(await(r.lastSeen(EVENTS_T0))).toString());
        out.put("tools a0", String.valueOf(await(r.tools("a0", EVENTS_T0, EVENTS_T0 + 60_000))));
        out.put("rated call", String.valueOf(await(r.find(EventQuery.spans(EVENTS_T0, EVENTS_T0 + 60_000).withSpan("t7", "s30")))));
    }

    /** [from, to) widened to whole windows of g. */
    static Segment aligned(Granularity g, long from, long to) {
        long w = g.millis();
        return new Segment(g, Math.floorDiv(from, w) * w, -Math.floorDiv(-to, w) * w);
    }

    /** Sums exact; cost to 1e-9 (its summation order is the database's); percentiles from the merged sketch. */
    static String text(Totals t) {
        return String.format(Locale.ROOT, "n=%d err=%d in=%d out=%d cached=%d cost=%.9f p50=%.6f p95=%.6f p99=%.6f",
                t.count(), t.errors(), t.inputTokens(), t.outputTokens(), t.cachedInputTokens(), t.costUsd(),
                t.quantile(0.5), t.quantile(0.95), t.quantile(0.99));
    }

    private static String buckets(List<Bucket> list) {
        StringBuilder sb = new StringBuilder();
        list.forEach(b -> sb.append(b.startMs()).append(' ').append(b.key()).append(": ").append(text(b.totals())).append('\n'));
        return sb.toString();
    }

    private static String pairs(Map<List<String>, Totals> map) {
        SortedMap<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.join("/", k), text(v)));
        return sorted.toString();
    }

    private static String rowCount(Pool pool, String table) throws Exception {
        return String.valueOf(await(pool.query("SELECT count(*) FROM " + table).execute()).iterator().next().getLong(0));
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
