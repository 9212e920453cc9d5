package io.agentpulse.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.agentpulse.avro.AgentEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes events in the gateway's JSON format (for tools, the demo fleet and tests). */
final class EventWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventWriter() {}

    static String object(AgentEvent e) {
        return write(g -> event(g, e));
    }

    static String array(List<AgentEvent> events) {
        return write(g -> {
            g.writeStartArray();
            for (AgentEvent e : events) {
                event(g, e);
            }
            g.writeEndArray();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void event(JsonGenerator g, AgentEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("event_id", e.getEventId());
        g.writeNumberField("event_time", e.getEventTime().toEpochMilli());
        g.writeStringField("agent_id", e.getAgentId());
        g.writeStringField("kind", e.getKind().name());
        text(g, "environment", e.getEnvironment());
        text(g, "model", e.getModel());
        text(g, "provider", e.getProvider());
        text(g, "operation", e.getOperation());
        number(g, "latency_ms", e.getLatencyMs());
        number(g, "ttft_ms", e.getTtftMs());
        number(g, "input_tokens", e.getInputTokens());
        number(g, "output_tokens", e.getOutputTokens());
        number(g, "cached_input_tokens", e.getCachedInputTokens());
        number(g, "reasoning_tokens", e.getReasoningTokens());
        number(g, "cost_usd", e.getCostUsd());
        g.writeStringField("status", e.getStatus().name());
        text(g, "error_type", e.getErrorType());
        text(g, "tool_name", e.getToolName());
        text(g, "conversation_id", e.getConversationId());
        text(g, "trace_id", e.getTraceId());
        text(g, "span_id", e.getSpanId());
        text(g, "parent_span_id", e.getParentSpanId());
        number(g, "feedback_score", e.getFeedbackScore());
        number(g, "host_cpu", e.getHostCpu());
        number(g, "host_memory_bytes", e.getHostMemoryBytes());
        Map<String, String> attributes = e.getAttributes();
        if (attributes != null && !attributes.isEmpty()) {
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }
}
