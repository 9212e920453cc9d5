package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.store.EventReader;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /api/v1/agents: one row per known agent (sent anything within the known horizon, or has
 * calls in the range) with its totals over [from, to), last_seen and status: silent (nothing
 * within the active horizon), else green/yellow/red against the health thresholds. The totals are
 * read at the planner's resolution ({@link io.agentpulse.query.plan.Planner#atResolution}): the
 * answer's {@code from}/{@code to} are the range actually covered, {@code resolution_ms} its step.
 */
final class AgentsQuery {
    private final Breakdowns breakdowns;
    private final EventReader events;
    private final DashboardConfig cfg;
    private final Clock clock;

    AgentsQuery(Breakdowns breakdowns, EventReader events, DashboardConfig cfg, Clock clock) {
        this.breakdowns = breakdowns;
        this.events = events;
        this.cfg = cfg;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        Params.Range range = Params.range(q, clock);
        long now = clock.millis();
        long[] covered = breakdowns.planner().atResolution(range.fromMs(), range.toMs());
        long resolution = breakdowns.planner().resolution(range.fromMs(), range.toMs()).millis();
        Filters f = Params.slice(q, breakdowns.dimensions());
        // Nothing completes after now: the widened end is not read past it (a year's list widened to the
        // next 4-week edge read up to 4 weeks of empty future minutes, 20 at a time: ~1 s).
        long readTo = Math.min(covered[1], Math.max(range.toMs(), now));
        Future<Map<String, Totals>> totals = breakdowns.byKey(f, Dimension.AGENT, covered[0], readTo, true);
        Future<Map<String, Long>> seen = events.lastSeen(now - cfg.knownMs());
        return Future.all(totals, seen).map(done -> {
            Map<String, Totals> byAgent = new LinkedHashMap<>(totals.result());
            if (f.slice() == null) { // a sliced list holds the agents with calls in the slice only
                seen.result().keySet().forEach(a -> byAgent.putIfAbsent(a, new Totals()));
            }
            JsonArray rows = new JsonArray();
            int active = 0;
            for (Map.Entry<String, Totals> e : byAgent.entrySet()) {
                Long last = seen.result().get(e.getKey());
                JsonObject row = Breakdowns.row("agent_id", e.getKey(), e.getValue());
                Double p95 = row.getDouble("p95_ms"); // read once for the row and its health
                String status = status(e.getValue(), p95 == null ? Double.NaN : p95, last, now);
                active += "silent".equals(status) ? 0 : 1;
                rows.add(row.put("last_seen", last).put("status", status));
            }
            return new JsonObject().put("from", covered[0]).put("to", covered[1]).put("resolution_ms", resolution)
                    .put("requested_from", range.fromMs()).put("requested_to", range.toMs())
                    .put("known_agents", byAgent.size()).put("active_agents", active).put("agents", rows);
        });
    }

    String status(Totals t, double p95, Long lastSeen, long now) {
        if (lastSeen == null || now - lastSeen > cfg.activeMs()) {
            return "silent";
        }
        return cfg.health(t.count() == 0 ? 0 : t.errorRate(), p95);
    }
}
