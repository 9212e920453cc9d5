package io.agentpulse.contract;

import io.agentpulse.avro.AgentEvent;

/**
 * The contract's window rule: an event belongs to the window of the moment its outcome was known,
 * event_time (the step's start; OTLP: span start) + latency_ms (OTLP: span end). A 10-minute agent
 * run counts in the minute it ended, where its latency, errors and cost became facts; event_time
 * keeps its meaning on the raw event. Every rollup, the SSE stream and the alerts read windows
 * built by this rule (docs/CONTRACTS.md).
 */
public final class Completion {
    /** Latencies above this (about 115 days, in ms) are capped, so the sum never overflows. */
    static final double MAX_LATENCY_MS = 1e10;

    private Completion() {}

    /** Epoch milliseconds of completion; an event without a latency completes when it starts. */
    public static long of(AgentEvent e) {
        return of(e.getEventTime().toEpochMilli(), e.getLatencyMs());
    }

    /** The same rule on a stored event: start in epoch ms, latency in ms or null. */
    public static long of(long start, Double latency) {
        if (latency == null || !(latency > 0)) {
            return start;
        }
        return start + Math.round(Math.min(latency, MAX_LATENCY_MS));
    }
}
