package io.agentpulse.processor.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.avro.AgentEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Inserts raw events into agent_events with one UNNEST statement (a known (event_id, event_time) is
 * skipped) and, in the same transaction, moves each agent's row of agent_last_seen outwards with one
 * upsert per agent per batch (V41): the dashboards read "last seen" there, not from the raw events.
 */
public final class PostgresEventSink implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Times only move outwards; a row already covering the batch is not rewritten (no dead tuple). */
    private static final String SEEN_UPSERT = "ON CONFLICT (agent_id) DO UPDATE SET "
            + "first_seen = LEAST(r.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(r.last_seen, EXCLUDED.last_seen) "
            + "WHERE EXCLUDED.first_seen < r.first_seen OR EXCLUDED.last_seen > r.last_seen";
    private final DataSource dataSource;

    public PostgresEventSink(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(List<EnrichedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Unnest u = columns();
        events.forEach(e -> u.row(values(e)));
        Unnest seen = new Unnest().col("agent_id", "text").millis("first_seen").millis("last_seen");
        AgentTimes.of(events).forEach((agent, t) -> seen.row(agent, t.firstMs(), t.lastMs()));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // both statements or neither: agent_last_seen never runs ahead of the events
            try {
                u.execute(c, "agent_events", "ON CONFLICT DO NOTHING");
                seen.execute(c, "agent_last_seen", SEEN_UPSERT);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SinkException("Writing " + events.size() + " events to PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private static Unnest columns() {
        return new Unnest().col("event_id", "text").millis("event_time").col("agent_id", "text").col("kind", "text")
                .col("environment", "text").col("model", "text").col("provider", "text").col("operation", "text")
                .col("latency_ms", "float8").col("ttft_ms", "float8").col("input_tokens", "int8")
                .col("output_tokens", "int8").col("cached_input_tokens", "int8").col("reasoning_tokens", "int8")
                .col("cost_usd", "float8").col("cost_source", "text").col("status", "text").col("error_type", "text")
                .col("tool_name", "text").col("conversation_id", "text").col("trace_id", "text").col("span_id", "text")
                .col("parent_span_id", "text").col("feedback_score", "float8").col("host_cpu", "float8")
                .col("host_memory_bytes", "int8").json("attributes").col("price_version", "text");
    }

    private static Object[] values(EnrichedEvent ee) {
        AgentEvent e = ee.event();
        return new Object[] {e.getEventId(), e.getEventTime().toEpochMilli(), e.getAgentId(), e.getKind().name(),
            e.getEnvironment(), e.getModel(), e.getProvider(), e.getOperation(), e.getLatencyMs(), e.getTtftMs(),
            e.getInputTokens(), e.getOutputTokens(), e.getCachedInputTokens(), e.getReasoningTokens(), e.getCostUsd(),
            ee.costSource(), e.getStatus().name(), e.getErrorType(), e.getToolName(), e.getConversationId(),
            e.getTraceId(), e.getSpanId(), e.getParentSpanId(), e.getFeedbackScore(), e.getHostCpu(),
            e.getHostMemoryBytes(), json(e), ee.priceVersion()};
    }

    private static String json(AgentEvent e) {
        try {
            java.util.Map<String, String> clean = new java.util.TreeMap<>();
            if (e.getAttributes() != null) { // jsonb rejects \u0000: drop NUL characters
                e.getAttributes().forEach((k, v) -> clean.put(k.replace("\0", ""), v == null ? null : v.replace("\0", "")));
            }
            return JSON.writeValueAsString(clean);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("A string map always serialises to JSON.", x);
        }
    }
}
