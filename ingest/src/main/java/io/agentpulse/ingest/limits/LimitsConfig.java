package io.agentpulse.ingest.limits;

import io.agentpulse.ops.Env;
import java.util.Map;

/**
 * The gateway's limits on hostile or runaway clients (settings table in ingest/RATIONALE.md).
 *
 * @param maxBatchEvents        events (or OTLP spans) in one request; more → 413
 * @param ratePerKey            sustained requests per second per client key; 0 = no limit
 * @param burstPerKey           requests a key may send at once before the rate applies
 * @param maxKeys               distinct client keys tracked; further keys share one bucket ({@code _other})
 * @param cardinalityPerDimension distinct values per dimension (agent, model, provider, operation,
 *                              tool, environment) before new ones fold into {@code _other}
 */
public record LimitsConfig(int maxBatchEvents, double ratePerKey, int burstPerKey, int maxKeys,
                           int cardinalityPerDimension) {

    public static LimitsConfig defaults() {
        return fromEnv(Map.of());
    }

    public static LimitsConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        return new LimitsConfig(
                env.integer("AGENTPULSE_GATEWAY_MAX_BATCH_EVENTS", 10_000, 1, 1_000_000),
                env.decimal("AGENTPULSE_GATEWAY_RATE_PER_KEY", 500, 0, 1_000_000),
                env.integer("AGENTPULSE_GATEWAY_BURST_PER_KEY", 1_000, 1, 1_000_000),
                env.integer("AGENTPULSE_GATEWAY_MAX_KEYS", 10_000, 1, 10_000_000),
                env.integer("AGENTPULSE_GATEWAY_MAX_SERIES_PER_DIMENSION", 10_000, 1, 10_000_000));
    }

    public LimitsConfig withRate(double perSecond, int burst) {
        return new LimitsConfig(maxBatchEvents, perSecond, burst, maxKeys, cardinalityPerDimension);
    }

    public LimitsConfig withCardinality(int perDimension) {
        return new LimitsConfig(maxBatchEvents, ratePerKey, burstPerKey, maxKeys, perDimension);
    }

    public LimitsConfig withMaxBatchEvents(int events) {
        return new LimitsConfig(events, ratePerKey, burstPerKey, maxKeys, cardinalityPerDimension);
    }
}
