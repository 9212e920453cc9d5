package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;

/** Field validation of decoded events: returns the DLQ reason, or null when the event is valid. */
final class EventCheck {
    private EventCheck() {}

    static String problem(AgentEvent e) {
        if (e.getEventId() == null || e.getEventId().isBlank()) {
            return DlqReason.invalid("event_id");
        }
        if (e.getAgentId() == null || e.getAgentId().isBlank()) {
            return DlqReason.invalid("agent_id");
        }
        if (negative(e.getLatencyMs())) {
            return DlqReason.invalid("latency_ms");
        }
        if (negative(e.getTtftMs())) {
            return DlqReason.invalid("ttft_ms");
        }
        if (negative(e.getCostUsd())) {
            return DlqReason.invalid("cost_usd");
        }
        Double score = e.getFeedbackScore();
        if (score != null && !(score >= 0 && score <= 1)) { // the schema's range; NaN fails too
            return DlqReason.invalid("feedback_score");
        }
        return tokenProblem(e);
    }

    private static String tokenProblem(AgentEvent e) {
        if (negative(e.getInputTokens())) {
            return DlqReason.invalid("input_tokens");
        }
        if (negative(e.getOutputTokens())) {
            return DlqReason.invalid("output_tokens");
        }
        if (negative(e.getCachedInputTokens()) || orZero(e.getCachedInputTokens()) > orZero(e.getInputTokens())) {
            return DlqReason.invalid("cached_input_tokens"); // cached input is a part of input
        }
        if (negative(e.getReasoningTokens()) || orZero(e.getReasoningTokens()) > orZero(e.getOutputTokens())) {
            return DlqReason.invalid("reasoning_tokens"); // reasoning is a part of output
        }
        return null;
    }

    private static boolean negative(Double d) {
        return d != null && (d < 0 || d.isNaN() || d.isInfinite());
    }

    private static boolean negative(Long l) {
        return l != null && l < 0;
    }

    private static long orZero(Long l) {
        return l == null ? 0L : l;
    }
}
