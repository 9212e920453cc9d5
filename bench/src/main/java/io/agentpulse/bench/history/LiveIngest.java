package io.agentpulse.bench.history;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.processor.sink.EnrichedEvent;
import io.agentpulse.processor.sink.PostgresEventSink;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Ingest while QueryBench measures: raw events written through the processor's own PostgreSQL
 * sink (agent_events insert plus the agent_last_seen upsert, one transaction a batch) at
 * {@code rate} events/s, a batch every TICK_MS, round-robin over the fleet's agents. Event times
 * fall in the minute before the API's fixed clock, so the writes hit the partitions and index
 * pages the dashboards read. The same calls are counted into the live 1-minute rollup rows the
 * processor would publish ({@link LiveRollups}: groups every second, series every 10 s). Not
 * included: Kafka, and the processor's own CPU.
 */
final class LiveIngest implements AutoCloseable {
    static final long TICK_MS = 100;
    /** Every call's latency: its completion (the window it counts in) is its start plus this. */
    private static final double LATENCY_MS = 800.0;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final PostgresEventSink sink;
    private final LiveRollups rollups;
    private final Fleet fleet;
    private final long endMs;
    private final int perTick;
    private final int rate;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final long startNanos = System.nanoTime();
    /** Event ids of this run ("live-<start ms>-<seq>"): a rerun on the same database writes new events. */
    private final String runId = "live-" + System.currentTimeMillis() + "-";

    private LiveIngest(DataSource ds, Fleet fleet, long endMs, int rate) {
        this.sink = new PostgresEventSink(ds);
        this.rollups = new LiveRollups(ds, fleet, System.currentTimeMillis());
        this.fleet = fleet;
        this.endMs = endMs;
        this.rate = rate;
        this.perTick = (int) Math.max(1, rate * TICK_MS / 1000);
    }

    /** Starts writing at {@code rate} events/s; rate 0 writes nothing. */
    static LiveIngest start(DataSource ds, Fleet fleet, long endMs, int rate) {
        LiveIngest ingest = new LiveIngest(ds, fleet, endMs, rate);
        if (rate > 0) {
            ingest.timer.scheduleAtFixedRate(ingest::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        }
        return ingest;
    }

    private void tick() {
        try {
            long first = written.get();
            List<EnrichedEvent> batch = new ArrayList<>(perTick);
            for (long seq = first; seq < first + perTick; seq++) {
                int m = (int) (seq % fleet.models);
                int agent = (int) (seq % fleet.agents);
                long startMs = endMs - 60_000 + seq * 7_919 % 60_000;
                batch.add(new EnrichedEvent(AgentEvent.newBuilder().setEventId(runId + seq)
                        .setEventTime(Instant.ofEpochMilli(startMs))
                        .setAgentId(Fleet.agentId(agent)).setEnvironment("prod").setModel(fleet.model(m))
                        .setProvider("bench").setOperation(Fleet.OPERATION).setLatencyMs(LATENCY_MS)
                        .setInputTokens(Fleet.inputTokens(1, m)).setOutputTokens(Fleet.outputTokens(1, m))
                        .setCostUsd(fleet.costPerCall(m)).build(), "catalog"));
                rollups.add(agent, m, startMs + (long) LATENCY_MS, Fleet.inputTokens(1, m), Fleet.outputTokens(1, m),
                        fleet.costPerCall(m));
            }
            sink.insert(batch);
            written.addAndGet(perTick);
            rollups.flush(System.currentTimeMillis());
        } catch (SQLException e) {
            failure.compareAndSet(null, new IllegalStateException(e.getMessage(), e));
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e; // ends the schedule: the report says so
        }
    }

    /** One sentence for the report: target and achieved rate, or that ingest was off. */
    String describe() {
        if (rate == 0) {
            return "No ingest ran during the measurement.";
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format("Ingest ran during the measurement through the processor's PostgreSQL sinks (raw events,"
                + " agent_last_seen, and the live 1-minute rollup rows the processor publishes: groups every second,"
                + " series every 10 s; no Kafka): %,d events, target %d/s, achieved %.0f/s; %,d rollup rows upserted%s.",
                written.get(), rate, written.get() / seconds, rollups.written(),
                failure.get() == null ? "" : "; it STOPPED on an error: " + failure.get().getMessage());
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(30, TimeUnit.SECONDS);
    }
}
