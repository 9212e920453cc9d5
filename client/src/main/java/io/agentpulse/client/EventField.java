package io.agentpulse.client;

import java.time.Instant;
import java.util.Map;

/**
 * The fields of an event, in the order and with the names of {@code AgentEvent.avsc} (the schemas
 * module's file, packaged next to this class); {@code EventFieldTest} fails when the two differ.
 * Both encoders (JSON for the gateway, Avro for Kafka) walk this list, so a field is declared once.
 */
enum EventField {
    EVENT_ID("event_id", Type.TEXT),
    EVENT_TIME("event_time", Type.TIME),
    AGENT_ID("agent_id", Type.TEXT),
    KIND("kind", Type.KIND),
    ENVIRONMENT("environment", Type.TEXT),
    MODEL("model", Type.TEXT),
    PROVIDER("provider", Type.TEXT),
    OPERATION("operation", Type.TEXT),
    LATENCY_MS("latency_ms", Type.REAL),
    TTFT_MS("ttft_ms", Type.REAL),
    INPUT_TOKENS("input_tokens", Type.COUNT),
    OUTPUT_TOKENS("output_tokens", Type.COUNT),
    CACHED_INPUT_TOKENS("cached_input_tokens", Type.COUNT),
    REASONING_TOKENS("reasoning_tokens", Type.COUNT),
    COST_USD("cost_usd", Type.REAL),
    STATUS("status", Type.STATUS),
    ERROR_TYPE("error_type", Type.TEXT),
    TOOL_NAME("tool_name", Type.TEXT),
    CONVERSATION_ID("conversation_id", Type.TEXT),
    TRACE_ID("trace_id", Type.TEXT),
    SPAN_ID("span_id", Type.TEXT),
    PARENT_SPAN_ID("parent_span_id", Type.TEXT),
    FEEDBACK_SCORE("feedback_score", Type.REAL),
    HOST_CPU("host_cpu", Type.REAL),
    HOST_MEMORY_BYTES("host_memory_bytes", Type.COUNT),
    ATTRIBUTES("attributes", Type.MAP);

    /** Java type of a field's value: TEXT String, TIME Instant, REAL Double, COUNT Long, MAP Map of String. */
    enum Type { TEXT, TIME, REAL, COUNT, KIND, STATUS, MAP }

    final String wireName;
    final Type type;

    EventField(String wireName, Type type) {
        this.wireName = wireName;
        this.type = type;
    }

    static EventField named(String wireName) {
        for (EventField f : values()) {
            if (f.wireName.equals(wireName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("An event has no field \"" + wireName + "\"; the fields are those of AgentEvent.avsc, e.g. "
                + "event_id, agent_id, model, latency_ms, input_tokens.");
    }

    /** {@code value} as this field holds it (enum names and numbers of any width are accepted), or an exception naming the field. */
    Object coerce(Object value) {
        if (value == null) {
            return null;
        }
        Object v = switch (type) {
            case TEXT -> value instanceof CharSequence s ? s.toString() : null;
            case TIME -> value instanceof Instant i ? i : value instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
            case REAL -> value instanceof Number n ? finite(n.doubleValue()) : null;
            case COUNT -> value instanceof Number n && !(value instanceof Double || value instanceof Float) ? n.longValue() : null;
            case KIND -> value instanceof PulseEvent.Kind k ? k : symbol(PulseEvent.Kind.class, value);
            case STATUS -> value instanceof PulseEvent.Status s ? s : symbol(PulseEvent.Status.class, value);
            case MAP -> value instanceof Map<?, ?> m ? textMap(m) : null;
        };
        if (v == null) {
            throw new IllegalArgumentException("The event field " + wireName + " takes a " + type.name().toLowerCase()
                    + " value, not a " + value.getClass().getSimpleName() + ".");
        }
        return v;
    }

    private <E extends Enum<E>> E symbol(Class<E> type, Object value) {
        try {
            return Enum.valueOf(type, value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The event field " + wireName + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", not \"" + value + "\".");
        }
    }

    private Double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("The event field " + wireName + " must be a finite number, not " + d + ".");
        }
        return d;
    }

    private Map<String, String> textMap(Map<?, ?> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("The event field " + wireName + " takes no null key or value.");
            }
            out.put(k.toString(), v.toString());
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
