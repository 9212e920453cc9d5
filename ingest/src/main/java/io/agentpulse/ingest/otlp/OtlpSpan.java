package io.agentpulse.ingest.otlp;

import java.util.Map;

/**
 * One span of an OTLP request, decoded from protobuf or JSON into the same shape.
 *
 * @param traceId      32 lowercase hex characters, or null when absent/invalid
 * @param spanId       16 lowercase hex characters, or null when absent/invalid
 * @param parentSpanId 16 hex characters, or null for a root span
 * @param name         the span name (never stored: it may be free text)
 * @param startNanos   start, Unix epoch nanoseconds
 * @param endNanos     end, Unix epoch nanoseconds
 * @param attributes   attribute values as String, Long, Double, Boolean or List of those
 * @param statusCode   0 unset, 1 ok, 2 error (OTLP StatusCode)
 * @param resource     the attributes of the resource the span came with (service.name, ...)
 */
public record OtlpSpan(String traceId, String spanId, String parentSpanId, String name, long startNanos,
                       long endNanos, Map<String, Object> attributes, int statusCode, Map<String, Object> resource) {
    static final int STATUS_ERROR = 2;
}
