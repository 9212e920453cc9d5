package io.agentpulse.query.http;

import io.agentpulse.ops.Env;
import java.util.Map;

/**
 * Settings of the dashboard endpoints (see RATIONALE.md): health thresholds, the availability
 * objective, the monthly budget and the horizons for "known" and "active" agents.
 *
 * @param errorYellow   error rate (0..1) at or above which health is yellow
 * @param errorRed      error rate at or above which health is red
 * @param p95YellowMs   p95 latency, ms, at or above which health is yellow
 * @param p95RedMs      p95 latency, ms, at or above which health is red
 * @param sloAvailability availability objective (0..1): share of calls that must succeed
 * @param budgetMonthlyUsd monthly cost budget, USD (0 = none)
 * @param activeMs      an agent is active when its newest event is younger than this, ms
 * @param knownMs       an agent is known when it sent anything within this, ms
 */
public record DashboardConfig(double errorYellow, double errorRed, double p95YellowMs, double p95RedMs,
                              double sloAvailability, double budgetMonthlyUsd, long activeMs, long knownMs) {

    public static DashboardConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new DashboardConfig(
                e.decimal("AGENTPULSE_HEALTH_ERROR_YELLOW", 0.02, 0, 1),
                e.decimal("AGENTPULSE_HEALTH_ERROR_RED", 0.10, 0, 1),
                e.decimal("AGENTPULSE_HEALTH_P95_YELLOW_MS", 5_000, 0, 1e9),
                e.decimal("AGENTPULSE_HEALTH_P95_RED_MS", 15_000, 0, 1e9),
                e.decimal("AGENTPULSE_SLO_AVAILABILITY", 0.995, 0.5, 0.999999),
                e.decimal("AGENTPULSE_COST_BUDGET_MONTHLY_USD", 0, 0, 1e12),
                e.integer("AGENTPULSE_AGENT_ACTIVE_MS", 300_000, 1_000, Integer.MAX_VALUE),
                (long) e.integer("AGENTPULSE_AGENT_KNOWN_DAYS", 7, 1, 3660) * 86_400_000L);
    }

    /** green, yellow or red for an error rate and a p95 (NaN = unknown, never worse than green). */
    String health(double errorRate, double p95) {
        if (errorRate >= errorRed || p95 >= p95RedMs) {
            return "red";
        }
        return errorRate >= errorYellow || p95 >= p95YellowMs ? "yellow" : "green";
    }
}
