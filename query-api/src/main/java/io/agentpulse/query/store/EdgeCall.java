package io.agentpulse.query.store;

/**
 * One call of an edge: the callee's span ({@code eventId}, started {@code timeMs}, epoch ms) and its parent
 * span in the caller ({@code parentEventId}). {@code latencyMs} null when the span carried none.
 */
public record EdgeCall(String eventId, long timeMs, String parentEventId, String traceId, String operation,
                       Double latencyMs, String status, String errorType) {}
