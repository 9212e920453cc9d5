package io.agentpulse.processor.alert;

import java.util.Locale;

/** What a rule measures over a series' trailing range. Units are in the names. */
public enum AlertMetric {
    /** errors / calls, 0..1. */
    ERROR_RATE,
    /** latency percentiles from the merged DDSketch of the range, ms. */
    LATENCY_P50, LATENCY_P95, LATENCY_P99,
    /** p95 of time to first token, ms. */
    TTFT_P95,
    /** calls per second over the covered span. */
    REQUEST_RATE,
    /** input + output tokens per minute. */
    TOKENS_PER_MINUTE,
    /** USD per hour. */
    COST_PER_HOUR,
    /**
     * mean user feedback score (FEEDBACK events) in [0, 1]; its samples are the scores, not the calls,
     * so min_samples counts scores. No score in the range: no verdict.
     */
    FEEDBACK_SCORE,
    /** seconds since the series last reported (an agent gone silent); evaluated by the punctuator. */
    NO_DATA;

    public static AlertMetric parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown metric '" + s + "'; expected one of error_rate, latency_p50, "
                    + "latency_p95, latency_p99, ttft_p95, request_rate, tokens_per_minute, cost_per_hour, feedback_score, no_data.");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isLatency() {
        return this == LATENCY_P50 || this == LATENCY_P95 || this == LATENCY_P99 || this == TTFT_P95;
    }
}
