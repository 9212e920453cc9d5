package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The call-graph reader against agent_calls rows, spans and agents: edges summed over the range with
 * merged sketches, the calls of one edge from the spans (other agents' children and own children left
 * out), newest first and limited, agent counts.
 */
abstract class CallGraphReaderContract {
    static final long T0 = 1_772_704_800_000L; // 2026-03-05T10:00:00Z
    static final long MIN = 60_000;
    static final String EVIL = "<img src=x onerror=alert(1)>";
    static final List<InMemoryCallGraphReader.Minute> MINUTES = List.of(
            minute("orch", "search", T0, 2, 1, 100, 300),
            minute("orch", "search", T0 + MIN, 1, 0, 500),
            minute(EVIL, "search", T0, 1, 1),
            minute("orch", "writer", T0 + 90 * MIN, 1, 0, 10));
    /** A trace: orch's root s1 calls search twice (s2, s4), search's own child s3; t2's parent is search's. */
    static final List<InMemoryCallGraphReader.Span> SPANS = List.of(
            span("p1", T0, "orch", "t1", "s1", null, 900.0, "OK"),
            span("c1", T0 + 1000, "search", "t1", "s2", "s1", 100.0, "OK"),
            span("c1x", T0 + 2000, "search", "t1", "s3", "s2", 50.0, "OK"),
            span("c2", T0 + 3000, "search", "t1", "s4", "s1", 300.0, "ERROR"),
            span("c3", T0 + 61_000, "search", "t1", "s5", "s1", 500.0, "OK"),
            span("q1", T0 + 4000, "writer", "t2", "s7", null, 5.0, "OK"),
            span("q2", T0 + 5000, "search", "t2", "s8", "s7", 7.0, "OK"));

    protected abstract CallGraphReader reader();

    static InMemoryCallGraphReader.Minute minute(String caller, String callee, long ws, long calls, long errors, double... latencies) {
        DDSketch s = SketchCodec.newSketch();
        double sum = 0;
        Double max = null;
        for (double l : latencies) {
            s.accept(l);
            sum += l;
            max = max == null ? l : Math.max(max, l);
        }
        return new InMemoryCallGraphReader.Minute(caller, callee, ws, calls, errors, latencies.length, sum, max, SketchCodec.encode(s));
    }

    static InMemoryCallGraphReader.Span span(String id, long t, String agent, String trace, String spanId, String parent,
                                             Double latency, String status) {
        return new InMemoryCallGraphReader.Span(id, t, agent, trace, spanId, parent, "invoke_agent", latency, status,
                "ERROR".equals(status) ? "timeout" : null);
    }

    private static <T> T join(io.vertx.core.Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void edgesAreSummedOverTheRangeWithMergedSketches() {
        List<CallEdge> edges = join(reader().edges(T0, T0 + 60 * MIN));
        assertThat(edges).extracting(e -> e.caller() + ">" + e.callee()).containsExactly(EVIL + ">search", "orch>search");
        CallEdge e = edges.get(1);
        assertThat(e.calls()).isEqualTo(3);
        assertThat(e.errors()).isEqualTo(1);
        assertThat(e.latencyCount()).isEqualTo(3);
        assertThat(e.latencySum()).isEqualTo(900.0);
        assertThat(e.latencyMax()).isEqualTo(500.0);
        assertThat(e.sketch().getCount()).isEqualTo(3.0);
        assertThat(SketchCodec.quantile(e.sketch(), 1)).isCloseTo(500.0, within(5.0));
        CallEdge evil = edges.get(0);
        assertThat(evil.latencyMax()).isNull();
        assertThat(evil.sketch().isEmpty()).isTrue();
        assertThat(join(reader().edges(T0 + 60 * MIN, T0 + 120 * MIN))).extracting(CallEdge::callee).containsExactly("writer");
    }

    @Test
    void theCallsOfAnEdgeAreTheCalleesChildrenOfTheCallersSpansNewestFirst() {
        List<EdgeCall> calls = join(reader().calls("orch", "search", T0, T0 + 60 * MIN, 10));
        assertThat(calls).extracting(EdgeCall::eventId).containsExactly("c3", "c2", "c1");
        EdgeCall c2 = calls.get(1);
        assertThat(c2.timeMs()).isEqualTo(T0 + 3000);
        assertThat(c2.parentEventId()).isEqualTo("p1");
        assertThat(c2.traceId()).isEqualTo("t1");
        assertThat(c2.operation()).isEqualTo("invoke_agent");
        assertThat(c2.latencyMs()).isEqualTo(300.0);
        assertThat(c2.status()).isEqualTo("ERROR");
        assertThat(c2.errorType()).isEqualTo("timeout");
        assertThat(join(reader().calls("orch", "search", T0, T0 + 60 * MIN, 2))).extracting(EdgeCall::eventId).containsExactly("c3", "c2");
        assertThat(join(reader().calls("orch", "search", T0, T0 + MIN, 10))).extracting(EdgeCall::eventId).containsExactly("c2", "c1");
        assertThat(join(reader().calls("writer", "search", T0, T0 + MIN, 10))).extracting(EdgeCall::eventId).containsExactly("q2");
        assertThat(join(reader().calls("search", "search", T0, T0 + MIN, 10))).isEmpty();
    }

    @Test
    void agentsCountAllAndThoseHeardOfInTheRange() {
        CallGraphReader.AgentCount c = join(reader().agents(T0, T0 + MIN));
        assertThat(c.total()).isEqualTo(4);
        assertThat(c.active()).isEqualTo(2);
    }

    /** Agents: first and last seen (epoch ms). */
    static final List<Object[]> AGENTS = List.of(new Object[] {"orch", T0 - MIN, T0 + 10_000}, new Object[] {"search", T0 + 1000, T0 + 2 * MIN},
            new Object[] {"writer", T0 + 5 * MIN, T0 + 90 * MIN}, new Object[] {"old", T0 - 90 * MIN, T0 - 80 * MIN});
}
