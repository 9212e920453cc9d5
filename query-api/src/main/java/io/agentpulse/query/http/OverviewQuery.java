package io.agentpulse.query.http;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.store.EventReader;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /api/v1/overview: fleet health (green/yellow/red from the error rate and p95 of the last
 * HEALTH_WINDOW_MS against the thresholds), active vs known agents, cost today vs yesterday (UTC
 * days; yesterday up to the same time of day too, for a fair comparison) and the thresholds used.
 */
final class OverviewQuery {
    static final long HEALTH_WINDOW_MS = 5 * 60_000L;
    static final long DAY_MS = 86_400_000L;

    private final Breakdowns breakdowns;
    private final EventReader events;
    private final DashboardConfig cfg;
    private final Clock clock;

    OverviewQuery(Breakdowns breakdowns, EventReader events, DashboardConfig cfg, Clock clock) {
        this.breakdowns = breakdowns;
        this.events = events;
        this.cfg = cfg;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        long now = clock.millis();
        long today = Math.floorDiv(now, DAY_MS) * DAY_MS;
        Filters f = Params.slice(q, breakdowns.dimensions());
        Future<Totals> recent = breakdowns.total(f, now - HEALTH_WINDOW_MS, now + 1, true); // p95 for health
        Future<Totals> todayT = breakdowns.total(f, today, now + 1, false);
        Future<Totals> yesterday = breakdowns.total(f, today - DAY_MS, today, false);
        Future<Totals> yesterdaySoFar = breakdowns.total(f, today - DAY_MS, now + 1 - DAY_MS, false);
        Future<Map<String, Long>> seen = events.lastSeen(now - cfg.knownMs());
        return Future.all(java.util.List.of(recent, todayT, yesterday, yesterdaySoFar, seen)).map(done -> {
            Totals t = recent.result();
            double errorRate = t.count() == 0 ? 0 : t.errorRate();
            long active = seen.result().values().stream().filter(last -> now - last <= cfg.activeMs()).count();
            return new JsonObject().put("now", now)
                    .put("health", t.count() == 0 && active == 0 ? "unknown" : cfg.health(errorRate, t.quantile(0.95)))
                    .put("recent", Breakdowns.row("window", "last 5 minutes", t))
                    .put("active_agents", active).put("known_agents", seen.result().size())
                    .put("cost_today_usd", todayT.result().costUsd())
                    .put("cost_yesterday_usd", yesterday.result().costUsd())
                    .put("cost_yesterday_same_time_usd", yesterdaySoFar.result().costUsd())
                    .put("thresholds", new JsonObject().put("error_rate_yellow", cfg.errorYellow())
                            .put("error_rate_red", cfg.errorRed()).put("p95_ms_yellow", cfg.p95YellowMs())
                            .put("p95_ms_red", cfg.p95RedMs()));
        });
    }
}
