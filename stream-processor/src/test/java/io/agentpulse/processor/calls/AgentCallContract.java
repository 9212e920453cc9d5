package io.agentpulse.processor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.contract.sketch.SketchCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The call-graph job against a store: exact edges per minute from parent spans of other agents, late
 * parents and children recounted (not added), reruns and restarts that change nothing, one instance at a
 * time, the look-back bound. Run against the in-memory store and against PostgreSQL.
 */
abstract class AgentCallContract {
    static final Instant T0 = Instant.parse("2026-03-05T10:00:00Z");
    static final long MIN = 60_000;
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    abstract AgentCallStore store();

    /** Stores a SPAN as the sink does, with the given ingested_at. */
    abstract void span(Span s);

    /** Another processor instance holds (or releases) the job's lock. */
    abstract void lockedElsewhere(boolean held);

    AgentCallJob job() {
        return new AgentCallJob(store(), AgentCallConfig.fromEnv(Map.of()), clock, new SimpleMeterRegistry());
    }

    /** A span starting {@code at} seconds after T0, stored one second later. */
    private void span(String id, long at, String agent, String trace, String spanId, String parent, Double latency, boolean error) {
        long t = T0.toEpochMilli() + at * 1000;
        span(new Span(id, t, t + 1000, agent, trace, spanId, parent, latency, error));
    }

    private List<EdgeMinute> rows() {
        @SuppressWarnings("unchecked") List<EdgeMinute>[] out = new List[1];
        store().run(tx -> out[0] = tx.rows(0, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()));
        return out[0];
    }

    /** An orchestrator calling two sub-agents (one twice, one call failing), plus spans that are no calls. */
    private void seed() {
        span("p1", 0, "orch", "t1", "s1", null, 900.0, false);
        span("c1", 1, "search", "t1", "s2", "s1", 100.0, false);
        span("c1x", 2, "search", "t1", "s3", "s2", 50.0, false); // search's own child: no edge
        span("c2", 3, "search", "t1", "s4", "s1", 300.0, true);
        span("c3", 70, "writer", "t1", "s5", "s1", null, false); // next minute, no latency
        span("o1", 5, "orch", "t2", "s6", "s9", 10.0, false); // parent never stored
        span("o2", 6, "writer", null, "s7", "s1", 10.0, false); // no trace
        now = T0.plusSeconds(120);
    }

    @Test
    void childSpansOfAnotherAgentsParentAreCountedPerCallerCalleeAndMinute() {
        seed();
        AgentCallJob.Result r = job().runOnce();
        long t0 = T0.toEpochMilli();
        assertThat(r.ran()).isTrue();
        assertThat(r.calls()).isEqualTo(3);
        List<EdgeMinute> rows = rows();
        assertThat(rows).extracting(e -> e.caller() + ">" + e.callee() + "@" + (e.windowStart() - t0) / MIN + ":" + e.calls() + "/" + e.errors())
                .containsExactly("orch>search@0:2/1", "orch>writer@1:1/0");
        EdgeMinute search = rows.get(0);
        assertThat(search.latencyCount()).isEqualTo(2);
        assertThat(search.latencySum()).isEqualTo(400.0);
        assertThat(search.latencyMax()).isEqualTo(300.0);
        var sketch = SketchCodec.decode(search.sketch());
        assertThat(sketch.getCount()).isEqualTo(2.0);
        assertThat(SketchCodec.quantile(sketch, 0)).isCloseTo(100.0, within(1.0));
        assertThat(SketchCodec.quantile(sketch, 1)).isCloseTo(300.0, within(3.0));
        EdgeMinute writer = rows.get(1);
        assertThat(writer.latencyCount()).isZero();
        assertThat(writer.latencyMax()).isNull();
    }

    @Test
    void rerunsAndRestartsLeaveTheSameRows() {
        seed();
        AgentCallJob job = job();
        job.runOnce();
        List<EdgeMinute> first = rows();
        now = now.plusSeconds(5);
        job.runOnce();
        job().runOnce(); // a restarted processor looks back the whole window
        assertThat(rows()).isEqualTo(first);
    }

    @Test
    void aLateParentOrALateChildRecountsItsMinute() {
        span("c1", 1, "search", "t1", "s2", "s1", 100.0, false);
        now = T0.plusSeconds(30);
        AgentCallJob job = job();
        assertThat(job.runOnce().calls()).isZero();
        assertThat(rows()).isEmpty();

        long t = T0.toEpochMilli();
        span(new Span("p1", t, T0.plusSeconds(40).toEpochMilli(), "orch", "t1", "s1", null, 900.0, false)); // parent stored late
        now = T0.plusSeconds(45);
        assertThat(job.runOnce().minutes()).containsExactly(t);
        assertThat(rows()).extracting(EdgeMinute::calls).containsExactly(1L);

        span(new Span("c2", t + 20_000, T0.plusSeconds(50).toEpochMilli(), "search", "t1", "s3", "s1", 200.0, false));
        now = T0.plusSeconds(55);
        job.runOnce();
        assertThat(rows()).extracting(EdgeMinute::calls, EdgeMinute::latencySum).containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 300.0));
    }

    @Test
    void anotherInstanceHoldingTheLockSkipsTheRun() {
        seed();
        lockedElsewhere(true);
        AgentCallJob.Result r = job().runOnce();
        lockedElsewhere(false);
        assertThat(r.ran()).isFalse();
        assertThat(rows()).isEmpty();
    }

    @Test
    void spansOlderThanTheWindowAreNotCounted() {
        seed();
        now = T0.plus(java.time.Duration.ofHours(1)).plusSeconds(30); // the first minute is out of the 1h window
        AgentCallJob.Result r = job().runOnce();
        assertThat(r.minutes()).containsExactly(T0.toEpochMilli() + MIN);
        assertThat(rows()).extracting(EdgeMinute::callee).containsExactly("writer");
    }
}
