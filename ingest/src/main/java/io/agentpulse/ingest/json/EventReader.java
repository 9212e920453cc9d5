package io.agentpulse.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes one JSON object into an {@link AgentEvent} with Jackson's streaming parser and checks
 * every rule; the first problem of an event becomes its {@link Rejection}. Not thread-safe: one
 * reader per batch ("now" is read once so that a batch is judged against one instant).
 */
final class EventReader {
    static final int MAX_EVENT_ID = 128;
    static final int MAX_AGENT_ID = 256;
    /** Bound for the other strings: they become series dimensions and database columns. */
    static final int MAX_TEXT = 256;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_ATTRIBUTE_KEY = 128;
    static final int MAX_ATTRIBUTE_VALUE = 1024;

    private final long nowMs;
    private final long maxFutureMs;
    private final long maxPastMs;
    private final Numbers numbers = new Numbers(this);
    private int unknownFields;
    private String errorField;
    private String errorReason;
    private String errorCode;

    EventReader(EventRules rules) {
        this.nowMs = rules.clock().millis();
        this.maxFutureMs = rules.maxFuture().toMillis();
        this.maxPastMs = rules.maxPast().toMillis();
    }

    int unknownFields() {
        return unknownFields;
    }

    /**
     * Reads the object whose START_OBJECT the parser is on, up to its END_OBJECT.
     *
     * @return an {@link AgentEvent} or a {@link Rejection}
     */
    Object read(JsonParser p, int index) throws IOException {
        errorField = null;
        AgentEvent e = new AgentEvent();
        e.setKind(EventKind.SPAN);
        e.setStatus(Status.OK);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            field(e, name, p.nextToken(), p);
        }
        checkRequired(e);
        checkParts(e);
        if (errorField != null) {
            return new Rejection(index, errorField, errorReason, errorCode);
        }
        if (e.getAttributes() == null) {
            e.setAttributes(new HashMap<>());
        }
        return e;
    }

    /** Records the first problem of the current event; later ones are ignored. */
    void fail(String field, String reason, String code) {
        if (errorField == null) {
            errorField = field;
            errorReason = reason;
            errorCode = code;
        }
    }

    /** Records "must be X, not Y" and skips the offending value (objects and arrays included). */
    void typeError(JsonParser p, JsonToken v, String field, String expected) throws IOException {
        fail(field, "must be " + expected + ", not " + describe(v), "type");
        p.skipChildren();
    }

    private void field(AgentEvent e, String name, JsonToken v, JsonParser p) throws IOException {
        switch (name) {
            case "event_id" -> e.setEventId(text(p, v, name, MAX_EVENT_ID));
            case "agent_id" -> e.setAgentId(text(p, v, name, MAX_AGENT_ID));
            case "event_time" -> {
                Instant t = time(p, v);
                if (t != null) {
                    e.setEventTime(t);
                }
            }
            case "kind" -> e.setKind(kind(p, v));
            case "status" -> e.setStatus(status(p, v));
            case "environment" -> e.setEnvironment(text(p, v, name, MAX_TEXT));
            case "model" -> e.setModel(text(p, v, name, MAX_TEXT));
            case "provider" -> e.setProvider(text(p, v, name, MAX_TEXT));
            case "operation" -> e.setOperation(text(p, v, name, MAX_TEXT));
            case "error_type" -> e.setErrorType(text(p, v, name, MAX_TEXT));
            case "tool_name" -> e.setToolName(text(p, v, name, MAX_TEXT));
            case "conversation_id" -> e.setConversationId(text(p, v, name, MAX_TEXT));
            case "trace_id" -> e.setTraceId(text(p, v, name, MAX_TEXT));
            case "span_id" -> e.setSpanId(text(p, v, name, MAX_TEXT));
            case "parent_span_id" -> e.setParentSpanId(text(p, v, name, MAX_TEXT));
            case "latency_ms" -> e.setLatencyMs(numbers.nonNegative(p, v, name));
            case "ttft_ms" -> e.setTtftMs(numbers.nonNegative(p, v, name));
            case "cost_usd" -> e.setCostUsd(numbers.nonNegative(p, v, name));
            case "feedback_score" -> e.setFeedbackScore(numbers.unit(p, v, name));
            case "host_cpu" -> e.setHostCpu(numbers.unit(p, v, name));
            case "input_tokens" -> e.setInputTokens(numbers.count(p, v, name));
            case "output_tokens" -> e.setOutputTokens(numbers.count(p, v, name));
            case "cached_input_tokens" -> e.setCachedInputTokens(numbers.count(p, v, name));
            case "reasoning_tokens" -> e.setReasoningTokens(numbers.count(p, v, name));
            case "host_memory_bytes" -> e.setHostMemoryBytes(numbers.count(p, v, name));
            case "attributes" -> e.setAttributes(attributes(p, v));
            default -> {
                unknownFields++;
                p.skipChildren();
            }
        }
    }

    private String text(JsonParser p, JsonToken v, String field, int max) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            typeError(p, v, field, "a string");
            return null;
        }
        String s = p.getText();
        if (s.length() > max) {
            fail(field, "must be at most " + max + " characters, not " + s.length(), "length");
        }
        return s;
    }

    private Instant time(JsonParser p, JsonToken v) throws IOException {
        Long ms = switch (v) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numbers.epochMillis(p, v);
            case VALUE_STRING -> isoMillis(p.getText());
            default -> {
                typeError(p, v, "event_time", "epoch milliseconds or an ISO-8601 instant string");
                yield null;
            }
        };
        if (ms == null) {
            return null;
        }
        if (ms > nowMs + maxFutureMs) {
            fail("event_time", "is " + Durations.human(ms - nowMs) + " ahead of the gateway clock; the bound is "
                    + Durations.human(maxFutureMs), "time_future");
        } else if (ms < nowMs - maxPastMs) {
            fail("event_time", "is " + Durations.human(nowMs - ms) + " old; the bound is "
                    + Durations.human(maxPastMs), "time_past");
        }
        return Instant.ofEpochMilli(ms);
    }

    private Long isoMillis(String s) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeException | ArithmeticException ex) {
            fail("event_time", "must be epoch milliseconds or an ISO-8601 instant such as "
                    + "2026-01-01T00:00:00Z, not \"" + Durations.clip(s) + "\"", "type");
            return null;
        }
    }

    private EventKind kind(JsonParser p, JsonToken v) throws IOException {
        String s = text(p, v, "kind", MAX_TEXT);
        if (s == null) {
            return EventKind.SPAN;
        }
        switch (s.toUpperCase(Locale.ROOT)) {
            case "SPAN": return EventKind.SPAN;
            case "FEEDBACK": return EventKind.FEEDBACK;
            case "HEARTBEAT": return EventKind.HEARTBEAT;
            default:
                fail("kind", "must be one of SPAN, FEEDBACK, HEARTBEAT, not \"" + Durations.clip(s) + "\"", "enum");
                return EventKind.SPAN;
        }
    }

    private Status status(JsonParser p, JsonToken v) throws IOException {
        String s = text(p, v, "status", MAX_TEXT);
        if (s == null) {
            return Status.OK;
        }
        switch (s.toUpperCase(Locale.ROOT)) {
            case "OK": return Status.OK;
            case "ERROR": return Status.ERROR;
            case "UNSET": return Status.UNSET;
            default:
                fail("status", "must be OK or ERROR, not \"" + Durations.clip(s) + "\"", "enum");
                return Status.OK;
        }
    }

    private Map<String, String> attributes(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_OBJECT) {
            typeError(p, v, "attributes", "an object of strings");
            return null;
        }
        Map<String, String> map = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (map.size() >= MAX_ATTRIBUTES && !map.containsKey(key)) {
                fail("attributes", "must have at most " + MAX_ATTRIBUTES + " entries", "attributes");
                p.skipChildren();
            } else if (key.length() > MAX_ATTRIBUTE_KEY) {
                fail("attributes", "keys must be at most " + MAX_ATTRIBUTE_KEY + " characters, not "
                        + key.length(), "attributes");
                p.skipChildren();
            } else if (t != JsonToken.VALUE_STRING) {
                typeError(p, t, "attributes." + key, "a string");
            } else if (p.getTextLength() > MAX_ATTRIBUTE_VALUE) {
                fail("attributes." + key, "must be at most " + MAX_ATTRIBUTE_VALUE + " characters, not "
                        + p.getTextLength(), "attributes");
            } else {
                map.put(key, p.getText());
            }
        }
        return map;
    }

    private void checkRequired(AgentEvent e) {
        required("event_id", e.getEventId());
        if (e.getEventTime() == null) {
            fail("event_time", "is required", "required");
        }
        required("agent_id", e.getAgentId());
    }

    private void required(String field, String value) {
        if (value == null) {
            fail(field, "is required", "required");
        } else if (value.isBlank()) {
            fail(field, "must not be empty", "required");
        }
    }

    /** Parts never exceed their whole: cached input within input, reasoning within output. */
    private void checkParts(AgentEvent e) {
        if (e.getCachedInputTokens() != null && e.getInputTokens() != null
                && e.getCachedInputTokens() > e.getInputTokens()) {
            fail("cached_input_tokens", "must be <= input_tokens", "range");
        }
        if (e.getReasoningTokens() != null && e.getOutputTokens() != null
                && e.getReasoningTokens() > e.getOutputTokens()) {
            fail("reasoning_tokens", "must be <= output_tokens", "range");
        }
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
