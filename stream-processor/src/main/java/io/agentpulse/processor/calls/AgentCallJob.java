package io.agentpulse.processor.calls;

import io.agentpulse.ops.CounterSpec;
import io.agentpulse.processor.store.Periodic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keeps agent_calls (V52), the agent-to-agent call graph, beside the topology (which it does not touch).
 * Each run, in one transaction: finds the minutes holding child spans stored since the last run's start
 * (minus {@link AgentCallConfig#margin()}; the first run after a start looks back
 * {@link AgentCallConfig#window()}), or children of parents stored since then, and recomputes those
 * minutes from the raw spans (a child joined to its parent in the same trace, counted when the agents
 * differ). Rows are recomputed, never incremented: a second run, a run after a crash or after a replay
 * gives the same rows. A failed run is rolled back, counted and retried with the same look-back.
 * Why a job over stored events rather than the stream: stream-processor/RATIONALE-calls.md.
 */
public final class AgentCallJob implements AutoCloseable {
    static final CounterSpec RUNS = new CounterSpec("agentpulse_agent_calls_runs_total",
            "Call-graph job runs, by result (ok, skipped: another instance held the lock, failed: retried next run)", "result");
    static final CounterSpec MINUTES = new CounterSpec("agentpulse_agent_calls_recomputed_windows_total",
            "1-minute windows of agent-to-agent calls the call-graph job recomputed");
    static final CounterSpec CALLS = new CounterSpec("agentpulse_agent_calls_counted_total",
            "Agent-to-agent calls counted by the call-graph job's recomputations (a minute recomputed twice counts twice)");

    /** What one run did: whether it ran, the minutes it rebuilt and the calls they hold. */
    record Result(boolean ran, SortedSet<Long> minutes, long calls) {}

    private final AgentCallStore store;
    private final AgentCallConfig config;
    private final Clock clock;
    private final MeterRegistry meters;
    private Instant lastStart; // start of the last successful run, null before the first
    private Periodic scheduler;

    AgentCallJob(AgentCallStore store, AgentCallConfig config, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.meters = meters;
    }

    /** Runs now and then every {@code config.every()} on a daemon thread, on PostgreSQL. */
    public static AgentCallJob start(javax.sql.DataSource ds, AgentCallConfig config, Clock clock, MeterRegistry meters) {
        AgentCallJob job = new AgentCallJob(new PgAgentCallStore(ds), config, clock, meters);
        job.scheduler = Periodic.start("agentpulse-agent-calls", Duration.ZERO, config.every(), job::runOnce,
                e -> RUNS.counter(meters, "failed").increment());
        return job;
    }

    /** One run; throws when the database fails (nothing of the run is kept then). */
    synchronized Result runOnce() {
        Instant now = clock.instant();
        Instant notBefore = now.minus(config.window());
        Instant since = lastStart == null ? notBefore : lastStart.minus(config.margin());
        long windowMs = config.window().toMillis();
        SortedSet<Long> minutes = new TreeSet<>();
        long[] calls = {0};
        boolean ran = store.run(tx -> {
            minutes.addAll(tx.minutesTouchedSince(since, notBefore, notBefore.minus(config.window())));
            for (long[] run : runs(minutes)) {
                var found = tx.calls(run[0], run[1], run[0] - windowMs, run[1] + windowMs);
                calls[0] += found.size();
                tx.replace(run[0], run[1], Edges.of(found));
            }
        });
        lastStart = now; // when skipped, the instance holding the lock did this work
        RUNS.counter(meters, ran ? "ok" : "skipped").increment();
        if (ran) {
            MINUTES.counter(meters).increment(minutes.size());
            CALLS.counter(meters).increment(calls[0]);
        }
        return new Result(ran, ran ? minutes : new TreeSet<>(), ran ? calls[0] : 0);
    }

    /** Contiguous runs of minutes, [from, to) each: one read and one rewrite per run. */
    static java.util.List<long[]> runs(SortedSet<Long> minutes) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        long[] last = null;
        for (long m : minutes) {
            if (last != null && last[1] == m) {
                last[1] = m + Edges.MINUTE_MS;
            } else {
                last = new long[] {m, m + Edges.MINUTE_MS};
                out.add(last);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
