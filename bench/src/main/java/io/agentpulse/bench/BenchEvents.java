package io.agentpulse.bench;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic benchmark events: log-normal latencies (a heavy right tail), a few models and operations,
 * an environment per agent, a tool name on tool calls, an error type on failures and a team attribute (the slicing
 * dimensions).
 */
final class BenchEvents {
    private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gemini-2.5-flash"};
    private static final String[] OPS = {"chat", "chat", "chat", "execute_tool", "embeddings"};

    private BenchEvents() {}

    /** Event number {@code i} of a run: agent among {@code agents}, latency log-normal around 800 ms. */
    static AgentEvent event(String prefix, long i, int agents, Instant at, SplittableRandom r) {
        double latency = latency(r);
        return event(prefix + "-" + i, prefix + "-agent-" + (i % agents), MODELS[(int) (i % MODELS.length)],
                OPS[(int) (i % OPS.length)], at, latency, i, r);
    }

    /** A latency drawn log-normal around 800 ms (ms). */
    static double latency(SplittableRandom r) {
        return 800 * Math.exp(0.6 * gaussian(r));
    }

    /** What the failures are, as a provider reports them (OpenTelemetry's error.type values). */
    private static final String[] ERROR_TYPES = {"timeout", "rate_limited", "server_error", "invalid_request"};

    /** One event of the given series started at {@code start}; tokens drawn from r, one in 50 an error (with a type). */
    static AgentEvent event(String id, String agent, String model, String op, Instant start, double latencyMs, long i,
            SplittableRandom r) {
        return AgentEvent.newBuilder()
                .setEventId(id)
                .setEventTime(start)
                .setAgentId(agent)
                .setModel(model)
                .setOperation(op)
                .setProvider("bench")
                .setLatencyMs(latencyMs)
                .setTtftMs(latencyMs * 0.2)
                .setInputTokens(500 + r.nextLong(1500))
                .setOutputTokens(50 + r.nextLong(400))
                .setCachedInputTokens(0L)
                .setStatus(i % 50 == 0 ? Status.ERROR : Status.OK)
                .setErrorType(i % 50 == 0 ? ERROR_TYPES[(int) (i / 50 % ERROR_TYPES.length)] : null)
                .setCostUsd(0.001)
                .setEnvironment(environment(agent))
                .setToolName("execute_tool".equals(op) ? "tool-" + (i % 5) : null)
                .setAttributes(Map.of("team", "team-" + Math.floorMod(agent.hashCode(), 20)))
                .build();
    }

    /**
     * An agent's environment, as a fleet has them: one agent in ten in staging, the rest in prod (each
     * agent always the same, so a dimension adds slices per value, not finest keys per event).
     */
    static String environment(String agent) {
        return Math.floorMod(agent.hashCode(), 10) == 0 ? "staging" : "prod";
    }

    /** Box-Muller from a SplittableRandom (thread-confined, fast). */
    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
