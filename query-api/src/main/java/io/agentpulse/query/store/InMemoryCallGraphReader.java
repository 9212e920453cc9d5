package io.agentpulse.query.store;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The call graph held in memory: agent_calls rows, spans and agents' first/last times, as the tables hold them. */
public final class InMemoryCallGraphReader implements CallGraphReader {
    /** One agent_calls row (window start epoch ms, latencies in ms, sketch in SketchCodec's encoding). */
    public record Minute(String caller, String callee, long windowStart, long calls, long errors, long latencyCount,
                         double latencySum, Double latencyMax, byte[] sketch) {}

    /** One stored SPAN (times epoch ms). */
    public record Span(String eventId, long time, String agentId, String traceId, String spanId, String parentSpanId,
                       String operation, Double latencyMs, String status, String errorType) {}

    private final List<Minute> minutes = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final Map<String, long[]> agents = new TreeMap<>(); // agent -> {first seen, last seen}

    public synchronized InMemoryCallGraphReader add(Minute m) {
        minutes.add(m);
        return this;
    }

    public synchronized InMemoryCallGraphReader add(Span s) {
        spans.add(s);
        return this;
    }

    public synchronized InMemoryCallGraphReader agent(String id, long firstSeen, long lastSeen) {
        agents.put(id, new long[] {firstSeen, lastSeen});
        return this;
    }

    @Override
    public synchronized Future<List<CallEdge>> edges(long fromMs, long toMs) {
        Map<String, CallEdge> out = new TreeMap<>();
        for (Minute m : minutes) {
            if (m.windowStart() < fromMs || m.windowStart() >= toMs) {
                continue;
            }
            DDSketch sketch = SketchCodec.decode(m.sketch());
            CallEdge e = new CallEdge(m.caller(), m.callee(), m.calls(), m.errors(), m.latencyCount(), m.latencySum(), m.latencyMax(), sketch);
            out.merge(m.caller() + '\0' + m.callee(), e, (a, b) -> {
                a.sketch().mergeWith(b.sketch());
                return new CallEdge(a.caller(), a.callee(), a.calls() + b.calls(), a.errors() + b.errors(),
                        a.latencyCount() + b.latencyCount(), a.latencySum() + b.latencySum(), max(a.latencyMax(), b.latencyMax()), a.sketch());
            });
        }
        return Future.succeededFuture(new ArrayList<>(out.values()));
    }

    private static Double max(Double a, Double b) {
        return a == null ? b : b == null ? a : Math.max(a, b);
    }

    @Override
    public synchronized Future<List<EdgeCall>> calls(String caller, String callee, long fromMs, long toMs, int limit) {
        List<EdgeCall> out = new ArrayList<>();
        for (Span c : spans) {
            if (!c.agentId().equals(callee) || c.traceId() == null || c.parentSpanId() == null || c.time() < fromMs || c.time() >= toMs) {
                continue;
            }
            spans.stream().filter(p -> c.traceId().equals(p.traceId()) && c.parentSpanId().equals(p.spanId())
                            && p.time() >= fromMs - PARENT_SKEW_MS && p.time() < toMs + PARENT_SKEW_MS)
                    .min(Comparator.comparingLong(Span::time).thenComparing(Span::eventId))
                    .filter(p -> p.agentId().equals(caller) && !caller.equals(callee))
                    .ifPresent(p -> out.add(new EdgeCall(c.eventId(), c.time(), p.eventId(), c.traceId(), c.operation(),
                            c.latencyMs(), c.status(), c.errorType())));
        }
        out.sort(Comparator.comparingLong(EdgeCall::timeMs).reversed().thenComparing(EdgeCall::eventId));
        return Future.succeededFuture(out.subList(0, Math.min(limit, out.size())));
    }

    @Override
    public synchronized Future<AgentCount> agents(long fromMs, long toMs) {
        long active = agents.values().stream().filter(t -> t[1] >= fromMs && t[0] < toMs).count();
        return Future.succeededFuture(new AgentCount(active, agents.size()));
    }
}
