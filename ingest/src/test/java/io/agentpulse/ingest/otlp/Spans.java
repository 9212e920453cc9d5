package io.agentpulse.ingest.otlp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds OtlpSpans for mapping tests. */
final class Spans {
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static int next = 1;

    private Spans() {}

    static String spanId() {
        return String.format("%016x", next++);
    }

    static OtlpSpan span(String id, String parent, Map<String, Object> attributes) {
        return span(id, parent, attributes, Map.of("service.name", "checkout-service"));
    }

    static OtlpSpan span(String id, String parent, Map<String, Object> attributes, Map<String, Object> resource) {
        long start = T0.toEpochMilli() * 1_000_000L;
        return new OtlpSpan(TRACE, id, parent, "span " + id, start, start + 250_000_000L, new HashMap<>(attributes), 0,
                resource);
    }

    static OtlpSpan error(OtlpSpan s) {
        return new OtlpSpan(s.traceId(), s.spanId(), s.parentSpanId(), s.name(), s.startNanos(), s.endNanos(),
                s.attributes(), OtlpSpan.STATUS_ERROR, s.resource());
    }
}
