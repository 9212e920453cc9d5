package io.agentpulse.query.http;

import io.agentpulse.query.store.CallEdge;
import io.agentpulse.query.store.CallGraphReader;
import io.agentpulse.query.store.EdgeCall;
import io.agentpulse.contract.sketch.SketchCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The agent-to-agent call graph (issue 15 point 3), from agent_calls kept by the processor's call-graph job
 * (it lags the spans by at most AGENTPULSE_AGENT_CALLS_EVERY). GET /api/v1/graph: the nodes (agents with
 * calls in the range), the agent counts and one edge per caller -> callee with calls, rate (calls per
 * minute over the range), error rate and latency p95 (merged sketches, 1% relative accuracy).
 * GET /api/v1/graph/calls?caller&callee: the calls of one edge from the raw spans, newest first.
 */
public final class GraphQuery {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final CallGraphReader reader;
    private final Clock clock;

    GraphQuery(CallGraphReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public static void mount(Router router, CallGraphReader reader, Clock clock, MeterRegistry meters) {
        GraphQuery q = new GraphQuery(reader, clock);
        router.get("/api/v1/graph").handler(ctx -> ApiRoutes.answer(ctx, "graph", meters, q::graph));
        router.get("/api/v1/graph/calls").handler(ctx -> ApiRoutes.answer(ctx, "graph-calls", meters, q::calls));
    }

    Future<JsonObject> graph(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        double minutes = (r.toMs() - r.fromMs()) / 60_000.0;
        return Future.all(reader.edges(r.fromMs(), r.toMs()), reader.agents(r.fromMs(), r.toMs())).map(all -> {
            List<CallEdge> edges = all.resultAt(0);
            CallGraphReader.AgentCount count = all.resultAt(1);
            Map<String, long[]> nodes = new TreeMap<>(); // agent -> {calls out, calls in, errors in}
            JsonArray edgeJson = new JsonArray();
            for (CallEdge e : edges) {
                nodes.computeIfAbsent(e.caller(), k -> new long[3])[0] += e.calls();
                long[] in = nodes.computeIfAbsent(e.callee(), k -> new long[3]);
                in[1] += e.calls();
                in[2] += e.errors();
                edgeJson.add(edge(e, minutes));
            }
            JsonArray nodeJson = new JsonArray();
            nodes.forEach((id, v) -> nodeJson.add(new JsonObject().put("agent_id", id).put("calls_out", v[0])
                    .put("calls_in", v[1]).put("errors_in", v[2])));
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs())
                    .put("agents", new JsonObject().put("in_graph", nodes.size()).put("active", count.active()).put("total", count.total()))
                    .put("nodes", nodeJson).put("edges", edgeJson);
        });
    }

    private static JsonObject edge(CallEdge e, double minutes) {
        double p95 = SketchCodec.quantile(e.sketch(), 0.95);
        return new JsonObject().put("caller", e.caller()).put("callee", e.callee()).put("calls", e.calls()).put("errors", e.errors())
                .put("rate_per_min", e.calls() / minutes).put("error_rate", e.calls() == 0 ? null : (double) e.errors() / e.calls())
                .put("p95_ms", Double.isNaN(p95) ? null : p95)
                .put("avg_ms", e.latencyCount() == 0 ? null : e.latencySum() / e.latencyCount()).put("max_ms", e.latencyMax());
    }

    Future<JsonObject> calls(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        String caller = agent(q, "caller");
        String callee = agent(q, "callee");
        int limit = Params.limit(q.apply("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        return reader.calls(caller, callee, r.fromMs(), r.toMs(), limit + 1).map(rows -> {
            JsonArray calls = new JsonArray();
            for (EdgeCall c : rows.subList(0, Math.min(limit, rows.size()))) {
                calls.add(new JsonObject().put("event_id", c.eventId()).put("time", c.timeMs()).put("parent_event_id", c.parentEventId())
                        .put("trace_id", c.traceId()).put("operation", c.operation()).put("latency_ms", c.latencyMs())
                        .put("status", c.status()).put("error_type", c.errorType()));
            }
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs()).put("caller", caller).put("callee", callee)
                    .put("limit", limit).put("has_more", rows.size() > limit).put("calls", calls);
        });
    }

    /** A required agent id: present, at most Params.MAX_VALUE_LENGTH characters. */
    private static String agent(Function<String, String> q, String field) {
        String v = Params.blankToNull(q.apply(field));
        if (v == null) {
            throw new ParamException(field, "missing", "The parameter " + field + " (an agent id) is required.");
        }
        if (v.length() > Params.MAX_VALUE_LENGTH) {
            throw new ParamException(field, "too-long", "The parameter " + field + " is longer than " + Params.MAX_VALUE_LENGTH + " characters.");
        }
        return v;
    }
}
