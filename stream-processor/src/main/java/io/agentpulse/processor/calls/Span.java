package io.agentpulse.processor.calls;

/**
 * A stored SPAN event as the call-graph job sees it (the in-memory store and the contract test).
 * Times are epoch ms; {@code latencyMs} may be null; {@code error} = status ERROR.
 */
record Span(String eventId, long eventTime, long ingestedAt, String agentId, String traceId, String spanId,
            String parentSpanId, Double latencyMs, boolean error) {}
