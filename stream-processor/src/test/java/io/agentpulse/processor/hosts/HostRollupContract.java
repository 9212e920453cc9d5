package io.agentpulse.processor.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.InMemoryAlertPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The host rollup job against a store: exact rows in every granularity, corrections by late
 * heartbeats, reruns and restarts that change nothing, one instance at a time, host alert rules.
 * Run against the in-memory store and against PostgreSQL (and TimescaleDB where installed).
 */
abstract class HostRollupContract {
    static final Instant T0 = Instant.parse("2026-03-05T10:00:00Z"); // a Thursday: 1w and 4w windows start on one
    static final long MIN = 60_000;
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAlertPublisher published = new InMemoryAlertPublisher();

    abstract HostRollupStore store();

    /** Stores a heartbeat as the sink does, with the given ingested_at; host null = no host.name attribute. */
    abstract void heartbeat(String id, Instant eventTime, Instant ingestedAt, String agent, String host, Double cpu, Long mem);

    abstract void rule(String id, String json);

    /** Another processor instance holds (or releases) the job's lock. */
    abstract void lockedElsewhere(boolean held);

    HostRollupJob job() {
        return new HostRollupJob(store(), HostRollupConfig.fromEnv(Map.of()), clock, published, new SimpleMeterRegistry());
    }

    private void beat(String id, String at, String agent, String host, Double cpu, Long mem) {
        Instant t = T0.plusSeconds(Long.parseLong(at));
        heartbeat(id, t, t.plusSeconds(1), agent, host, cpu, mem);
    }

    private Map<HostRow.Key, HostRow> rows(Granularity g) {
        List<HostRow>[] out = new List[1];
        store().run(tx -> out[0] = tx.rows(g, 0, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()));
        return out[0].stream().collect(Collectors.toMap(HostRow::key, Function.identity()));
    }

    private HostRow row(Granularity g, String host, String agent, long start) {
        return rows(g).get(new HostRow.Key(host, agent, start));
    }

    private void seed() {
        beat("e1", "10", "a1", "h1", 0.2, 100L);
        beat("e2", "40", "a1", "h1", 0.6, 300L);
        beat("e3", "20", "a2", "h1", 0.4, 200L);
        beat("e4", "30", "a3", null, 1.5, -1L); // no host.name: its own host; values out of range: samples without values
        beat("e5", "70", "a1", "h1", 0.1, 50L); // the next minute
    }

    @Test
    void minutesAndEveryCoarserWindowHoldTheExactSums() {
        seed();
        clock.set(T0.plusSeconds(90));
        HostRollupJob.Result r = job().runOnce();

        long t0 = T0.toEpochMilli();
        assertThat(r.ran()).isTrue();
        assertThat(r.minutes()).containsExactly(t0, t0 + MIN);
        HostRow m = row(Granularity.MINUTE, "h1", "a1", t0);
        assertThat(m.samples()).isEqualTo(2);
        assertThat(m.cpuSamples()).isEqualTo(2);
        assertThat(m.cpuSum()).isCloseTo(0.8, within(1e-12));
        assertThat(m.cpuMax()).isEqualTo(0.6);
        assertThat(m.memSum()).isEqualTo(400.0);
        assertThat(m.memMax()).isEqualTo(300L);
        assertThat(m.lastTime()).isEqualTo(t0 + 40_000);
        assertThat(m.lastCpu()).isEqualTo(0.6);
        assertThat(m.lastMem()).isEqualTo(300L);
        HostRow own = row(Granularity.MINUTE, "a3", "a3", t0);
        assertThat(own.samples()).isEqualTo(1);
        assertThat(own.cpuSamples()).isZero();
        assertThat(own.memSamples()).isZero();
        assertThat(own.cpuMax()).isNull();
        assertThat(own.lastCpu()).isNull();
        assertThat(rows(Granularity.MINUTE)).hasSize(4);
        for (Granularity g : List.of(Granularity.FIVE_MINUTES, Granularity.HOUR, Granularity.DAY, Granularity.WEEK,
                Granularity.FOUR_WEEKS)) {
            long w = g.windowStart(t0);
            HostRow c = row(g, "h1", "a1", w);
            assertThat(c.samples()).as(g.label()).isEqualTo(3);
            assertThat(c.cpuSum()).isCloseTo(0.9, within(1e-12));
            assertThat(c.cpuMax()).isEqualTo(0.6);
            assertThat(c.memMax()).isEqualTo(300L);
            assertThat(c.lastTime()).isEqualTo(t0 + 70_000);
            assertThat(c.lastCpu()).isEqualTo(0.1);
            assertThat(row(g, "h1", "a2", w).samples()).isEqualTo(1);
            assertThat(rows(g)).as(g.label()).hasSize(3);
        }
    }

    @Test
    void aLateHeartbeatCorrectsItsMinuteAndEveryCoarserWindowOnce() {
        seed();
        clock.set(T0.plusSeconds(90));
        HostRollupJob job = job();
        job.runOnce();
        heartbeat("late", T0.plusSeconds(50), T0.plusSeconds(600), "a1", "h1", 0.9, 900L);
        clock.set(T0.plusSeconds(630));

        assertThat(job.runOnce().minutes()).contains(T0.toEpochMilli()); // and any minute stored within the margin
        assertThat(row(Granularity.MINUTE, "h1", "a1", T0.toEpochMilli()).samples()).isEqualTo(3);
        HostRow hour = row(Granularity.HOUR, "h1", "a1", T0.toEpochMilli());
        assertThat(hour.samples()).isEqualTo(4);
        assertThat(hour.cpuMax()).isEqualTo(0.9);
        assertThat(hour.memSum()).isEqualTo(1350.0);
        assertThat(hour.lastCpu()).isEqualTo(0.1); // the late one is not the newest
    }

    @Test
    void rerunsAndRestartsChangeNothing() {
        seed();
        clock.set(T0.plusSeconds(90));
        HostRollupJob job = job();
        job.runOnce();
        Map<Granularity, Map<HostRow.Key, HostRow>> before = snapshot();
        clock.set(T0.plusSeconds(120));
        job.runOnce();
        heartbeat("e1", T0.plusSeconds(10), T0.plusSeconds(121), "a1", "h1", 0.2, 100L); // a replayed heartbeat: a known id
        job().runOnce(); // a restarted processor: looks back the backfill
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void onlyOneInstanceRunsAtATime() {
        seed();
        clock.set(T0.plusSeconds(90));
        lockedElsewhere(true);
        try {
            assertThat(job().runOnce().ran()).isFalse();
        } finally {
            lockedElsewhere(false);
        }
        assertThat(rows(Granularity.MINUTE)).isEmpty();
        assertThat(job().runOnce().ran()).isTrue();
        assertThat(rows(Granularity.MINUTE)).hasSize(4);
    }

    @Test
    void aHostCpuRuleFiresPerHostAndResolvesWhenTheHostCoolsDown() {
        rule("hot-cpu", "{\"id\":\"hot-cpu\",\"metric\":\"host_cpu_max\",\"comparator\":\">\",\"warning\":0.8,"
                + "\"critical\":0.9,\"range\":\"PT5M\"}");
        rule("calls", "{\"id\":\"calls\",\"metric\":\"error_rate\",\"comparator\":\">\",\"critical\":0.5}"); // not a host rule
        beat("e1", "10", "a1", "h1", 0.95, 100L);
        beat("e2", "20", "a2", "h2", 0.5, 100L);
        clock.set(T0.plusSeconds(60));
        HostRollupJob job = job();

        assertThat(job.runOnce().alertEvents()).isEqualTo(1);
        AlertEvent fired = published.published().get(0);
        assertThat(fired.getState()).isEqualTo(AlertState.FIRING);
        assertThat(fired.getRuleId()).isEqualTo("hot-cpu");
        assertThat(fired.getLabels()).containsEntry("host", "h1").containsEntry("grp", "host").containsEntry("metric", "host_cpu_max");
        assertThat(fired.getValue()).isEqualTo(0.95);
        assertThat(fired.getThreshold()).isEqualTo(0.9);
        assertThat(fired.getSummary()).isEqualTo("hot-cpu: host_cpu_max of host h1 is 0.950 (> 0.900)");
        assertThat(job.runOnce().alertEvents()).isZero(); // still firing: no new event

        heartbeat("e3", T0.plusSeconds(400), T0.plusSeconds(401), "a1", "h1", 0.3, 100L);
        clock.set(T0.plusSeconds(420)); // the hot minute has left the 5-minute range
        assertThat(job.runOnce().alertEvents()).isEqualTo(1);
        AlertEvent resolved = published.published().get(1);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getFingerprint()).isEqualTo(fired.getFingerprint());
        assertThat(resolved.getStartsAt()).isEqualTo(fired.getStartsAt());
    }

    @Test
    void aFailedPublishRollsTheRunBackAndTheNextRunPublishesAgain() {
        rule("big-mem", "{\"id\":\"big-mem\",\"metric\":\"host_memory_max\",\"comparator\":\">=\",\"critical\":1000}");
        beat("e1", "10", "a1", "h1", 0.1, 2000L);
        clock.set(T0.plusSeconds(60));
        HostRollupJob job = job();
        published.failNext();

        assertThatThrownBy(job::runOnce).hasMessageContaining("unavailable");
        assertThat(rows(Granularity.MINUTE)).isEmpty();
        assertThat(job.runOnce().alertEvents()).isEqualTo(1);
        assertThat(published.published()).singleElement().satisfies(e -> assertThat(e.getState()).isEqualTo(AlertState.FIRING));
        assertThat(rows(Granularity.MINUTE)).hasSize(1);
    }

    @Test
    void aDeletedRuleResolvesItsFiringInstances() {
        rule("hot", "{\"id\":\"hot\",\"metric\":\"host_cpu_avg\",\"comparator\":\">\",\"critical\":0.5}");
        beat("e1", "10", "a1", "h1", 0.9, 1L);
        clock.set(T0.plusSeconds(60));
        HostRollupJob job = job();
        job.runOnce();
        rule("hot", null);
        clock.set(T0.plusSeconds(90));
        job.runOnce();
        assertThat(published.published()).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(published.published().get(1).getLabels()).containsEntry("reason", "rule-removed");
    }

    private Map<Granularity, Map<HostRow.Key, HostRow>> snapshot() {
        Map<Granularity, Map<HostRow.Key, HostRow>> out = new java.util.EnumMap<>(Granularity.class);
        for (Granularity g : Granularity.values()) {
            out.put(g, rows(g));
        }
        return out;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

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
    }
}
