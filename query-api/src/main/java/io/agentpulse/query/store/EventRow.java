package io.agentpulse.query.store;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One raw event as stored in agent_events (boxed numbers: null = not sent). Strings are the
 * agents' own and untrusted: they travel as JSON strings and the UI shows them as text only.
 */
public record EventRow(String eventId, long timeMs, String agentId, String kind, String environment,
                       String model, String provider, String operation, Double latencyMs, Double ttftMs,
                       Long inputTokens, Long outputTokens, Long cachedInputTokens, Long reasoningTokens,
                       Double costUsd, String status, String errorType, String toolName, String conversationId,
                       String traceId, String spanId, Double feedbackScore, Double hostCpu, Long hostMemoryBytes,
                       Map<String, String> attributes, String costSource, String priceVersion) {

    /**
     * Without how the cost was set. costSource: event (the agent's), catalog (priced by the processor) or
     * null; priceVersion: the price version that priced it (price_versions.id), null unless catalog.
     */
    public EventRow(String eventId, long timeMs, String agentId, String kind, String environment,
                    String model, String provider, String operation, Double latencyMs, Double ttftMs,
                    Long inputTokens, Long outputTokens, Long cachedInputTokens, Long reasoningTokens,
                    Double costUsd, String status, String errorType, String toolName, String conversationId,
                    String traceId, String spanId, Double feedbackScore, Double hostCpu, Long hostMemoryBytes,
                    Map<String, String> attributes) {
        this(eventId, timeMs, agentId, kind, environment, model, provider, operation, latencyMs, ttftMs, inputTokens,
                outputTokens, cachedInputTokens, reasoningTokens, costUsd, status, errorType, toolName, conversationId,
                traceId, spanId, feedbackScore, hostCpu, hostMemoryBytes, attributes, null, null);
    }

    /** The flat JSON of the API (snake_case like the ingest format); attributes nested. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject()
                .put("event_id", eventId).put("event_time", timeMs).put("agent_id", agentId).put("kind", kind)
                .put("environment", environment).put("model", model).put("provider", provider)
                .put("operation", operation).put("latency_ms", latencyMs).put("ttft_ms", ttftMs)
                .put("input_tokens", inputTokens).put("output_tokens", outputTokens)
                .put("cached_input_tokens", cachedInputTokens).put("reasoning_tokens", reasoningTokens)
                .put("cost_usd", costUsd).put("status", status).put("error_type", errorType)
                .put("tool_name", toolName).put("conversation_id", conversationId).put("trace_id", traceId)
                .put("span_id", spanId).put("feedback_score", feedbackScore).put("host_cpu", hostCpu)
                .put("host_memory_bytes", hostMemoryBytes).put("cost_source", costSource).put("price_version", priceVersion);
        JsonObject attrs = new JsonObject();
        if (attributes != null) {
            attributes.forEach(attrs::put);
        }
        return o.put("attributes", attrs);
    }
}
