package io.agentpulse.processor.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.avro.AgentEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** Inserts raw events into agent_events with one UNNEST statement; a known (event_id, event_time) is skipped. */
public final class PostgresEventSink implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // one statement: atomic on its own
            u.execute(c, "agent_events", "ON CONFLICT DO NOTHING");
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
                .col("host_memory_bytes", "int8").json("attributes");
    }

    private static Object[] values(EnrichedEvent ee) {
        AgentEvent e = ee.event();
        return new Object[] {e.getEventId(), e.getEventTime().toEpochMilli(), e.getAgentId(), e.getKind().name(),
            e.getEnvironment(), e.getModel(), e.getProvider(), e.getOperation(), e.getLatencyMs(), e.getTtftMs(),
            e.getInputTokens(), e.getOutputTokens(), e.getCachedInputTokens(), e.getReasoningTokens(), e.getCostUsd(),
            ee.costSource(), e.getStatus().name(), e.getErrorType(), e.getToolName(), e.getConversationId(),
            e.getTraceId(), e.getSpanId(), e.getParentSpanId(), e.getFeedbackScore(), e.getHostCpu(),
            e.getHostMemoryBytes(), json(e)};
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
