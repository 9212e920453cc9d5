package io.agentpulse.query.http;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.query.store.HostAgg;
import io.agentpulse.query.store.HostQuery;
import io.agentpulse.query.store.HostReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Host health from the host rollups (issue 13 point 5), over any range like the call rollups:
 * GET /api/v1/hosts (the fleet: one row per host) and GET /api/v1/hosts/timeseries (CPU and memory
 * per host, columnar). The processor's host job rewrites every granularity's windows together in one
 * transaction, so any window that has started is as complete as its minutes: the planner reads
 * coarse windows up to the range's end (no settle delay). Data lags heartbeats by at most the job's
 * interval (AGENTPULSE_HOST_ROLLUP_EVERY, 30 s); raw heartbeats are not read.
 */
public final class HostsQuery {
    /** A host whose newest heartbeat is older than this (before now) is "silent". */
    static final long SILENT_AFTER_MS = 120_000;
    /** A host whose newest CPU reading is at least this is "hot". */
    static final double HOT_CPU = 0.9;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;

    private final HostReader reader;
    private final Planner planner;
    private final Clock clock;

    HostsQuery(HostReader reader, Clock clock) {
        this.reader = reader;
        this.planner = new Planner(EnumSet.allOf(Granularity.class), clock, java.time.Duration.ZERO);
        this.clock = clock;
    }

    public static void mount(Router router, HostReader reader, Clock clock, MeterRegistry meters) {
        HostsQuery q = new HostsQuery(reader, clock);
        router.get("/api/v1/hosts").handler(ctx -> ApiRoutes.answer(ctx, "hosts", meters, Compare.wrap(q::fleet, clock)));
        router.get("/api/v1/hosts/timeseries").handler(ctx -> ApiRoutes.answer(ctx, "host-timeseries", meters,
                Compare.wrap(q::series, clock)));
    }

    /** Every host with heartbeats in [from, to): latest and peak CPU and memory, agents, last seen, status. */
    Future<JsonObject> fleet(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        String host = name(q, "host");
        String agent = name(q, "agent");
        List<Future<List<HostAgg>>> reads = new ArrayList<>();
        for (Segment s : planner.cover(r.fromMs(), r.toMs())) {
            reads.add(reader.read(new HostQuery(s, host, agent, 0)));
        }
        return Future.all(reads).map(all -> {
            Map<String, HostAgg> byHost = new TreeMap<>();
            Map<String, TreeSet<String>> agents = new TreeMap<>();
            for (Future<List<HostAgg>> f : reads) {
                for (HostAgg a : f.result()) {
                    byHost.merge(a.host(), a, HostAgg::merge);
                    agents.computeIfAbsent(a.host(), k -> new TreeSet<>()).add(a.agentId());
                }
            }
            JsonArray hosts = new JsonArray();
            byHost.forEach((h, a) -> hosts.add(row(a, agents.get(h))));
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs()).put("hosts", hosts);
        });
    }

    private JsonObject row(HostAgg a, TreeSet<String> agents) {
        String status = clock.millis() - a.lastTime() > SILENT_AFTER_MS ? "silent"
                : a.lastCpu() != null && a.lastCpu() >= HOT_CPU ? "hot" : "ok";
        return new JsonObject().put("host", a.host()).put("status", status).put("last_seen", a.lastTime())
                .put("agents", new JsonArray(new ArrayList<>(agents))).put("agent_count", agents.size())
                .put("samples", a.samples()).put("cpu", a.lastCpu()).put("cpu_avg", avg(a.cpuSum(), a.cpuSamples()))
                .put("cpu_max", a.cpuMax()).put("memory_bytes", a.lastMem())
                .put("memory_avg_bytes", avg(a.memSum(), a.memSamples())).put("memory_max_bytes", a.memMax());
    }

    /**
     * CPU (mean and max, 0..1) and memory (mean and max, bytes) per host and step bucket over the range,
     * columnar: {t, series: [{key: "host/metric", host, metric, values}]}, null where a bucket has no
     * sample. All agents of a host together; ?agent= keeps one agent's heartbeats (the agent page), ?host=
     * one host; otherwise the `limit` hosts with the highest peak CPU.
     */
    Future<JsonObject> series(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        Long given = Params.step(q.apply("step"));
        long step = given != null ? given : planner.autoStep(r.fromMs(), r.toMs());
        long from = Math.floorDiv(r.fromMs(), step) * step;
        long to = Math.floorDiv(r.toMs() + step - 1, step) * step;
        if ((to - from) / step > TimeseriesQuery.MAX_POINTS) {
            throw new ParamException("step", "too-many-points", "The step " + step + " ms gives more than "
                    + TimeseriesQuery.MAX_POINTS + " points over this range; choose a larger step.");
        }
        int limit = Params.limit(q.apply("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        Granularity g = planner.forStep(step);
        HostQuery hq = new HostQuery(new Segment(g, from, to), name(q, "host"), name(q, "agent"), step);
        return reader.read(hq).map(rows -> HostSeries.toJson(rows, g, step, from, to, limit));
    }

    private static String name(Function<String, String> q, String field) {
        String v = Params.blankToNull(q.apply(field));
        if (v != null && v.length() > Params.MAX_VALUE_LENGTH) {
            throw new ParamException(field, "too-long", "The parameter " + field + " is longer than "
                    + Params.MAX_VALUE_LENGTH + " characters.");
        }
        return v;
    }

    static Double avg(double sum, long n) {
        return n == 0 ? null : sum / n;
    }
}
