package io.agentpulse.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * One step of an agent (an LLM call, a tool call, an agent run, a feedback score or a heartbeat), with the
 * fields of the platform's {@code AgentEvent} schema. Immutable; make one with {@link AgentPulseRecorder#event()}
 * (pre-filled) or {@link #builder()}. {@code event_id}, {@code event_time} and {@code agent_id} are required.
 */
public final class PulseEvent {
    /** SPAN = a call (LLM, tool, agent run); FEEDBACK = a user score; HEARTBEAT = host resources. */
    public enum Kind { SPAN, FEEDBACK, HEARTBEAT }

    public enum Status { OK, ERROR }

    /** Indexed by {@link EventField#ordinal()}; null = not set. */
    private final Object[] values;

    private PulseEvent(Object[] values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String eventId() {
        return (String) values[EventField.EVENT_ID.ordinal()];
    }

    public String agentId() {
        return (String) values[EventField.AGENT_ID.ordinal()];
    }

    public Instant eventTime() {
        return (Instant) values[EventField.EVENT_TIME.ordinal()];
    }

    /** The value of a field by its schema name ({@code latency_ms}, {@code attributes}, ...), or null when unset. */
    public Object get(String field) {
        return value(EventField.named(field));
    }

    Object value(EventField f) {
        return values[f.ordinal()];
    }

    @Override
    public String toString() {
        return "PulseEvent" + EventJsonWriter.object(this);
    }

    /** Not thread-safe; {@link #build()} checks the required fields. Setters take null to unset. */
    public static final class Builder {
        private final Object[] values = new Object[EventField.values().length];

        private Builder() {}

        /**
         * Sets a field by its schema name, e.g. {@code set("model", "gpt-4o")}: enum names, numbers of any width
         * and epoch milliseconds for {@code event_time} are accepted. For copying events from other sources.
         *
         * @throws IllegalArgumentException for an unknown field or a value of the wrong type, naming the field
         */
        public Builder set(String field, Object value) {
            return put(EventField.named(field), value);
        }

        private Builder put(EventField f, Object value) {
            values[f.ordinal()] = f.coerce(value);
            return this;
        }

        public Builder setEventId(String v) { return put(EventField.EVENT_ID, v); }

        public Builder setEventTime(Instant v) { return put(EventField.EVENT_TIME, v); }

        public Builder setAgentId(String v) { return put(EventField.AGENT_ID, v); }

        public Builder setKind(Kind v) { return put(EventField.KIND, v); }

        public Builder setEnvironment(String v) { return put(EventField.ENVIRONMENT, v); }

        /** Open set: e.g. gpt-4o, claude-sonnet-4. */
        public Builder setModel(String v) { return put(EventField.MODEL, v); }

        /** Open set: e.g. openai, anthropic. */
        public Builder setProvider(String v) { return put(EventField.PROVIDER, v); }

        /** OTel GenAI operation: chat, embeddings, execute_tool, invoke_agent, retrieval, ... */
        public Builder setOperation(String v) { return put(EventField.OPERATION, v); }

        /** Wall time of the step in milliseconds. */
        public Builder setLatencyMs(Double v) { return put(EventField.LATENCY_MS, v); }

        /** Time to first token in milliseconds. */
        public Builder setTtftMs(Double v) { return put(EventField.TTFT_MS, v); }

        /** All input tokens, cached ones included. */
        public Builder setInputTokens(Long v) { return put(EventField.INPUT_TOKENS, v); }

        /** All output tokens, reasoning ones included. */
        public Builder setOutputTokens(Long v) { return put(EventField.OUTPUT_TOKENS, v); }

        public Builder setCachedInputTokens(Long v) { return put(EventField.CACHED_INPUT_TOKENS, v); }

        public Builder setReasoningTokens(Long v) { return put(EventField.REASONING_TOKENS, v); }

        /** As reported by the agent; unset, the processor prices the call from its catalog. */
        public Builder setCostUsd(Double v) { return put(EventField.COST_USD, v); }

        public Builder setStatus(Status v) { return put(EventField.STATUS, v); }

        public Builder setErrorType(String v) { return put(EventField.ERROR_TYPE, v); }

        public Builder setToolName(String v) { return put(EventField.TOOL_NAME, v); }

        public Builder setConversationId(String v) { return put(EventField.CONVERSATION_ID, v); }

        public Builder setTraceId(String v) { return put(EventField.TRACE_ID, v); }

        public Builder setSpanId(String v) { return put(EventField.SPAN_ID, v); }

        public Builder setParentSpanId(String v) { return put(EventField.PARENT_SPAN_ID, v); }

        /** FEEDBACK events: a score in [0, 1]. */
        public Builder setFeedbackScore(Double v) { return put(EventField.FEEDBACK_SCORE, v); }

        /** HEARTBEAT events: CPU use in [0, 1]. */
        public Builder setHostCpu(Double v) { return put(EventField.HOST_CPU, v); }

        /** HEARTBEAT events: resident memory in bytes. */
        public Builder setHostMemoryBytes(Long v) { return put(EventField.HOST_MEMORY_BYTES, v); }

        /** At most 64 entries, keys up to 128 and values up to 1024 characters (the gateway's bounds). */
        public Builder setAttributes(Map<String, String> v) { return put(EventField.ATTRIBUTES, v); }

        /** @throws IllegalStateException when event_id, event_time or agent_id is missing */
        public PulseEvent build() {
            for (EventField required : new EventField[] {EventField.EVENT_ID, EventField.EVENT_TIME, EventField.AGENT_ID}) {
                if (values[required.ordinal()] == null) {
                    throw new IllegalStateException("An event needs " + required.wireName + "; it is not set.");
                }
            }
            return new PulseEvent(Arrays.copyOf(values, values.length));
        }
    }
}
