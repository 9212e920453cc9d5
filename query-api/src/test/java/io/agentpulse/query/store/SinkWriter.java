package io.agentpulse.query.store;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.processor.sink.EnrichedEvent;
import io.agentpulse.processor.sink.PostgresEventSink;
import io.agentpulse.processor.sink.PostgresRollupSink;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage contract's data, written through the processor's own PostgreSQL sinks (raw events and
 * rollups of every granularity) into a migrated database, plain PostgreSQL or TimescaleDB alike:
 * a recent fleet at {@link TestFleet#T0}, an old fleet {@link #OLD} (74 days earlier) and the
 * dashboard contract's events ({@link DashboardStoresContract#EVENTS}, 61 days before {@link #NOW}).
 */
public final class SinkWriter {
    static final long D = 86_400_000L;
    /** The retention job's clock: a day after the recent fleet. */
    static final long NOW = TestFleet.T0 + D;
    /** The old fleet's start: under a 70-day retention of raw and minute rows those expire, its coarser rows stay. */
    static final long OLD = TestFleet.T0 - 74 * D;
    public static final TestFleet RECENT = new TestFleet(90, 12, 42);
    public static final TestFleet OLD_FLEET = new TestFleet(OLD, 30, 6, 7);
    static final TestFleet ALL = RECENT.with(OLD_FLEET);
    private static final int BATCH = 1_000;

    private SinkWriter() {}

    /** Writes everything; on plain PostgreSQL first makes the day/month/year partitions, as the processor does. */
    public static void write(PgDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT agentpulse_ensure_partitions(?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(OLD - D)));
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(NOW + D)));
            ps.execute(); // a no-op under TimescaleDB, which makes chunks on insert
        }
        List<EnrichedEvent> events = new ArrayList<>();
        DashboardStoresContract.EVENTS.forEach(e -> events.add(new EnrichedEvent(event(e), "event")));
        addFleet(events, "r", RECENT);
        addFleet(events, "o", OLD_FLEET);
        PostgresEventSink eventSink = new PostgresEventSink(db.dataSource());
        batches(events).forEach(eventSink::insert);
        List<WindowRollup> rollups = ALL.allRows().stream().map(SinkWriter::rollup).toList();
        PostgresRollupSink rollupSink = new PostgresRollupSink(db.dataSource());
        batches(rollups).forEach(rollupSink::upsert);
    }

    private static void addFleet(List<EnrichedEvent> out, String prefix, TestFleet fleet) {
        for (int i = 0; i < fleet.events.size(); i++) {
            TestFleet.Event e = fleet.events.get(i);
            out.add(new EnrichedEvent(AgentEvent.newBuilder().setEventId(prefix + i).setEventTime(Instant.ofEpochMilli(e.timeMs()))
                    .setAgentId(e.agent()).setModel(e.model()).setOperation(e.operation()).setProvider("p")
                    .setStatus(e.error() ? Status.ERROR : Status.OK).setErrorType(e.error() ? "timeout" : null)
                    .setLatencyMs(e.latencyMs()).setInputTokens(e.input()).setOutputTokens(e.output())
                    .setCachedInputTokens(e.cached()).setCostUsd(e.cost()).build(), "catalog"));
        }
    }

    static AgentEvent event(EventRow e) {
        return AgentEvent.newBuilder().setEventId(e.eventId()).setEventTime(Instant.ofEpochMilli(e.timeMs()))
                .setAgentId(e.agentId()).setKind(EventKind.valueOf(e.kind())).setEnvironment(e.environment())
                .setModel(e.model()).setProvider(e.provider()).setOperation(e.operation()).setLatencyMs(e.latencyMs())
                .setTtftMs(e.ttftMs()).setInputTokens(e.inputTokens()).setOutputTokens(e.outputTokens())
                .setCachedInputTokens(e.cachedInputTokens()).setReasoningTokens(e.reasoningTokens()).setCostUsd(e.costUsd())
                .setStatus(Status.valueOf(e.status())).setErrorType(e.errorType()).setToolName(e.toolName())
                .setTraceId(e.traceId()).setSpanId(e.spanId()).setFeedbackScore(e.feedbackScore()).setHostCpu(e.hostCpu()).setHostMemoryBytes(e.hostMemoryBytes())
                .setAttributes(e.attributes()).build();
    }

    /** A final rollup as the processor emits it; percentiles are read from the sketch by the query API. */
    static WindowRollup rollup(RollupRow r) {
        Instant start = Instant.ofEpochMilli(r.windowStartMs());
        Instant end = start.plusMillis(r.granularity().millis());
        return WindowRollup.newBuilder().setGranularity(r.granularity().label()).setGrp(r.grp()).setAgentId(r.agentId())
                .setModel(r.model()).setOperation(r.operation()).setWindowStart(start).setWindowEnd(end).setIsFinal(true)
                .setCount(r.count()).setErrors(r.errors()).setInputTokens(r.inputTokens()).setOutputTokens(r.outputTokens())
                .setCachedInputTokens(r.cachedInputTokens()).setReasoningTokens(0).setCostUsd(r.costUsd())
                .setLatencySketch(ByteBuffer.wrap(r.latencySketch())).setTtftSketch(null)
                .setP50Ms(null).setP95Ms(null).setP99Ms(null).setUpdatedAt(end)
                .setFeedbackCount(r.feedback() == null ? 0 : r.feedback().count())
                .setFeedbackSum(r.feedback() == null ? 0 : r.feedback().sum())
                .setFeedbackHistogram(r.feedback() == null ? null
                        : java.util.Arrays.stream(r.feedback().histogram()).boxed().toList()).build();
    }

    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return out;
    }
}
