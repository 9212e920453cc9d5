package io.agentpulse.bench.history;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What QueryBench asks: every dashboard query (path and parameters without from/to, ending in
 * '?' or '&') over every range (ms, ending at the backfill's end). Steps are the API's auto step.
 */
final class BenchQueries {
    static final Map<String, Long> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("1 hour", 3_600_000L);
        RANGES.put("1 day", 86_400_000L);
        RANGES.put("30 days", 30 * 86_400_000L);
        RANGES.put("1 year", 365 * 86_400_000L);
    }

    /** Queries that take from/to. */
    static final Map<String, String> RANGED = new LinkedHashMap<>();
    /**
     * Queries whose range is fixed by the server's clock (the overview: last 5 min, today,
     * yesterday; the SLO report: the last 30 days): measured once per round, shown in every column.
     */
    static final Map<String, String> FIXED = new LinkedHashMap<>();

    static {
        RANGED.put("summary, overall", "/api/v1/summary?");
        RANGED.put("summary, model filter", "/api/v1/summary?model=gpt-4o&");
        RANGED.put("summary, agent filter", "/api/v1/summary?agent=agent-0042&");
        RANGED.put("timeseries requests, overall", "/api/v1/timeseries?metric=requests&");
        RANGED.put("timeseries p95, overall", "/api/v1/timeseries?metric=p95&");
        RANGED.put("timeseries requests by model", "/api/v1/timeseries?metric=requests&group_by=model&");
        RANGED.put("timeseries p95 by model", "/api/v1/timeseries?metric=p95&group_by=model&");
        RANGED.put("timeseries requests by agent (top 10)", "/api/v1/timeseries?metric=requests&group_by=agent&");
        RANGED.put("timeseries p99, agent filter", "/api/v1/timeseries?metric=p99&agent=agent-0042&");
        RANGED.put("agents list (1000 agents, p50/p95/p99 each)", "/api/v1/agents?");
        RANGED.put("agent detail", "/api/v1/agents/agent-0042?");
        RANGED.put("models", "/api/v1/models?");
        RANGED.put("cost", "/api/v1/cost?");
        RANGED.put("quality", "/api/v1/quality?");
        RANGED.put("quality, agent filter", "/api/v1/quality?agent=agent-0042&");
        FIXED.put("overview", "/api/v1/overview");
        FIXED.put("SLO report (30 days; rules by agent and by model)", "/api/v1/slo");
    }

    private BenchQueries() {}
}
