package io.agentpulse.ingest.otlp;

import static io.agentpulse.ingest.otlp.GenAiKeys.first;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import io.agentpulse.ingest.json.EventRules;
import io.agentpulse.ingest.json.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps OTLP spans to {@link AgentEvent}s following the OpenTelemetry GenAI semantic conventions.
 * Spans that are not GenAI operations (HTTP, database, framework wrappers) are ignored, not rejected.
 * Tokens are read from inference spans only (chat, text_completion, generate_content, embeddings), one
 * key family each, so an agent or wrapper span that repeats its children's usage is never counted twice.
 * Content (prompts, messages, tool arguments and results, the span name) is never copied.
 */
public final class GenAiMapper {
    /** Strings that become series dimensions and database columns (as the JSON endpoint). */
    static final int MAX_STRING = 256;
    /** A span with more attributes than this is refused as hostile. */
    static final int MAX_SPAN_ATTRIBUTES = 1024;
    /** How far the agent-name fallback walks up the parents (cycles in hostile input end here). */
    private static final int MAX_DEPTH = 64;
    static final String UNKNOWN_AGENT = "unknown_agent";

    private final EventRules rules;

    public GenAiMapper(EventRules rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    /**
     * @param events     the events, in span order
     * @param rejections invalid GenAI spans (index = position of the span in the request)
     * @param ignored    spans that are not GenAI operations
     */
    public record Mapped(List<AgentEvent> events, List<Rejection> rejections, int ignored) {}

    public Mapped map(List<OtlpSpan> spans) {
        Map<String, OtlpSpan> byId = new HashMap<>(spans.size() * 2);
        for (OtlpSpan s : spans) {
            if (s.spanId() != null) {
                byId.putIfAbsent(s.spanId(), s);
            }
        }
        long nowMs = rules.clock().millis();
        List<AgentEvent> events = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < spans.size(); i++) {
            OtlpSpan s = spans.get(i);
            String operation = GenAiKeys.operation(s.attributes());
            if (operation == null) {
                ignored++;
                continue;
            }
            Rejection problem = check(i, s, operation, nowMs);
            if (problem != null) {
                rejections.add(problem);
                continue;
            }
            try {
                events.add(event(s, operation, agent(s, byId)));
            } catch (IllegalArgumentException e) {
                rejections.add(new Rejection(i, "attributes", e.getMessage(), "type"));
            }
        }
        return new Mapped(events, rejections, ignored);
    }

    private Rejection check(int i, OtlpSpan s, String operation, long nowMs) {
        if (s.traceId() == null || s.spanId() == null) {
            return new Rejection(i, s.traceId() == null ? "trace_id" : "span_id",
                    "must be a non-zero id of 16 (trace) or 8 (span) bytes", "required");
        }
        if (s.attributes().size() > MAX_SPAN_ATTRIBUTES) {
            return new Rejection(i, "attributes", "must have at most " + MAX_SPAN_ATTRIBUTES + " attributes, not "
                    + s.attributes().size(), "attributes");
        }
        if (s.startNanos() <= 0 || s.endNanos() < s.startNanos()) {
            return new Rejection(i, "event_time", "needs a start time and an end time not before it", "range");
        }
        long startMs = s.startNanos() / 1_000_000;
        if (startMs > nowMs + rules.maxFuture().toMillis()) {
            return new Rejection(i, "event_time", "is more than " + rules.maxFuture() + " in the future", "time_future");
        }
        if (startMs < nowMs - rules.maxPast().toMillis()) {
            return new Rejection(i, "event_time", "is more than " + rules.maxPast() + " in the past", "time_past");
        }
        for (String dimension : new String[] {operation, first(s.attributes(), GenAiKeys.MODEL),
            GenAiKeys.provider(s.attributes()), GenAiKeys.toolName(s.attributes()), GenAiKeys.agentName(s.attributes())}) {
            if (dimension != null && dimension.length() > MAX_STRING) {
                return new Rejection(i, "attributes", "GenAI names must be at most " + MAX_STRING + " characters", "length");
            }
        }
        return null;
    }

    /** The span's own agent name, else the nearest invoke_agent ancestor's, else service.name. */
    private static String agent(OtlpSpan s, Map<String, OtlpSpan> byId) {
        String own = GenAiKeys.agentName(s.attributes());
        if (own != null) {
            return own;
        }
        OtlpSpan at = s;
        for (int depth = 0; depth < MAX_DEPTH && at.parentSpanId() != null; depth++) {
            at = byId.get(at.parentSpanId());
            if (at == null) {
                break;
            }
            if ("invoke_agent".equals(GenAiKeys.operation(at.attributes()))) {
                String name = GenAiKeys.agentName(at.attributes());
                if (name != null) {
                    return name;
                }
            }
        }
        String service = GenAiKeys.string(s.resource().get("service.name"));
        return service == null ? UNKNOWN_AGENT : truncate(service);
    }

    private AgentEvent event(OtlpSpan s, String operation, String agent) {
        Map<String, Object> a = s.attributes();
        boolean error = s.statusCode() == OtlpSpan.STATUS_ERROR || a.get("error.type") != null;
        AgentEvent.Builder b = AgentEvent.newBuilder()
                .setEventId(s.traceId() + s.spanId())
                .setEventTime(Instant.ofEpochMilli(s.startNanos() / 1_000_000))
                .setAgentId(agent)
                .setKind(EventKind.SPAN)
                .setOperation(operation)
                .setModel(first(a, GenAiKeys.MODEL))
                .setProvider(GenAiKeys.provider(a))
                .setEnvironment(truncateOrNull(first(s.resource(), GenAiKeys.ENVIRONMENT)))
                .setLatencyMs((s.endNanos() - s.startNanos()) / 1e6)
                .setTtftMs(nonNegative(Tokens.number(a, GenAiKeys.TTFT_MS)))
                .setStatus(error ? Status.ERROR : Status.OK)
                .setErrorType(error ? truncate(Objects.requireNonNullElse(GenAiKeys.string(a.get("error.type")), "_OTHER")) : null)
                .setToolName(GenAiKeys.toolName(a))
                .setConversationId(truncateOrNull(first(a, GenAiKeys.CONVERSATION)))
                .setTraceId(s.traceId())
                .setSpanId(s.spanId())
                .setParentSpanId(s.parentSpanId())
                .setAttributes(kept(a, s.resource(), rules.attributes()));
        if (GenAiKeys.INFERENCE.contains(operation)) {
            b.setInputTokens(Tokens.count(a, GenAiKeys.INPUT_TOKENS))
                    .setOutputTokens(Tokens.count(a, GenAiKeys.OUTPUT_TOKENS))
                    .setCachedInputTokens(Tokens.count(a, GenAiKeys.CACHED_TOKENS))
                    .setReasoningTokens(Tokens.count(a, GenAiKeys.REASONING_TOKENS));
        }
        return b.build();
    }

    /**
     * The GenAI attributes worth keeping, and each custom slicing dimension (contract/Dimensions): the
     * span's attribute of that name, else the resource's (a team or tier is usually set per service).
     */
    private static Map<String, String> kept(Map<String, Object> a, Map<String, Object> resource, List<String> dimensions) {
        Map<String, String> out = new HashMap<>();
        out.put("source", "otlp");
        for (String key : GenAiKeys.KEPT) {
            put(out, key, "service.version".equals(key) ? resource.get(key) : a.get(key));
        }
        for (String key : dimensions) {
            put(out, key, a.get(key) != null ? a.get(key) : resource.get(key));
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, Object v) {
        String s = v instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : v == null ? null : String.valueOf(v);
        if (s != null && !s.isEmpty()) {
            out.put(key, truncate(s));
        }
    }

    private static Double nonNegative(Double d) {
        return d == null || d < 0 || d.isNaN() ? null : d;
    }

    private static String truncateOrNull(String s) {
        return s == null ? null : truncate(s);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_STRING ? s : s.substring(0, MAX_STRING);
    }
}
