package io.agentpulse.contract.rule;

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
    NO_DATA,
    /** Budget rules (kind budget, see Budgets): spend of the current UTC day / month, USD, against budget_usd. */
    SPEND_DAY, SPEND_MONTH,
    /** Budget rules: USD per call over the range, against the series' trailing 7-day mean. */
    COST_PER_CALL,
    /** Budget rules: cost growth / token growth, the last range against the one before (a factor). */
    COST_VS_USAGE,
    /**
     * Host health over the range, from heartbeats (group "host" only; evaluated by the processor's host
     * rollup job, not the topology): CPU in [0, 1] (max or mean of the samples), memory in bytes.
     */
    HOST_CPU_MAX, HOST_CPU_AVG, HOST_MEMORY_MAX, HOST_MEMORY_AVG;

    public static AlertMetric parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The rule field 'metric' is '" + s + "' but must be one of error_rate, latency_p50, "
                    + "latency_p95, latency_p99, ttft_p95, request_rate, tokens_per_minute, cost_per_hour, feedback_score, no_data, spend_day, spend_month, cost_per_call, cost_vs_usage, host_cpu_max, host_cpu_avg, host_memory_max, host_memory_avg.");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A host metric: read from heartbeats per host, in rules of group "host". */
    public boolean isHost() {
        return this == HOST_CPU_MAX || this == HOST_CPU_AVG || this == HOST_MEMORY_MAX || this == HOST_MEMORY_AVG;
    }

    /** The metrics of budget rules, evaluated by the budget job over the rollup tables (see Budgets), not by the topology. */
    public boolean isBudget() {
        return this == SPEND_DAY || this == SPEND_MONTH || this == COST_PER_CALL || this == COST_VS_USAGE;
    }

    public boolean isLatency() {
        return this == LATENCY_P50 || this == LATENCY_P95 || this == LATENCY_P99 || this == TTFT_P95;
    }
}
