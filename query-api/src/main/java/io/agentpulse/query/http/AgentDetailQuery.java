package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.store.EventQuery;
import io.agentpulse.query.store.EventReader;
import io.agentpulse.query.store.EventRow;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /api/v1/agents/{id}: the agent's totals, breakdown by model and by operation, tool calls and
 * their success rate, recent errors, slowest calls and heartbeats (host resources) over [from, to).
 * 404 when the agent has neither calls in the range nor any event within the known horizon.
 */
final class AgentDetailQuery {
    static final int LIST_LIMIT = 20;
    static final int HEARTBEAT_LIMIT = 120;

    private final Breakdowns breakdowns;
    private final EventReader events;
    private final DashboardConfig cfg;
    private final Clock clock;

    AgentDetailQuery(Breakdowns breakdowns, EventReader events, DashboardConfig cfg, Clock clock) {
        this.breakdowns = breakdowns;
        this.events = events;
        this.cfg = cfg;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        String agent = Params.filters(name -> "agent".equals(name) ? q.apply("id") : null).agent();
        Filters f = new Filters(agent, null, null);
        Future<Map<String, Totals>> total = breakdowns.byKey(f, null, r.fromMs(), r.toMs(), true);
        Future<List<Map<String, Totals>>> byModelAndOp = breakdowns.byTwoKeys(f, Dimension.MODEL, Dimension.OPERATION,
                r.fromMs(), r.toMs());
        Future<List<EventReader.ToolStat>> tools = events.tools(agent, r.fromMs(), r.toMs());
        EventQuery base = EventQuery.spans(r.fromMs(), r.toMs()).withAgent(agent);
        Future<List<EventRow>> errors = events.find(base.withStatus("ERROR").withOrder(EventQuery.Order.NEWEST, LIST_LIMIT));
        Future<List<EventRow>> slowest = events.find(base.withOrder(EventQuery.Order.SLOWEST, LIST_LIMIT));
        Future<List<EventRow>> beats = events.find(base.withKind("HEARTBEAT").withOrder(EventQuery.Order.NEWEST, HEARTBEAT_LIMIT));
        Future<Map<String, Long>> seen = events.lastSeen(clock.millis() - cfg.knownMs());
        return Future.all(List.of(total, byModelAndOp, tools, errors, slowest, beats, seen)).map(done -> {
            Totals t = total.result().getOrDefault("all", new Totals());
            Long last = seen.result().get(agent);
            if (t.count() == 0 && last == null) {
                throw new NotFoundException("No agent '" + agent + "' sent anything in the range or within the known horizon.");
            }
            JsonArray toolRows = new JsonArray();
            tools.result().forEach(s -> toolRows.add(new JsonObject().put("tool", s.tool()).put("count", s.count())
                    .put("errors", s.errors()).put("success_rate", s.count() == 0 ? null : 1.0 - (double) s.errors() / s.count())));
            JsonArray hb = new JsonArray();
            beats.result().forEach(e -> hb.add(new JsonObject().put("t", e.timeMs()).put("host_cpu", e.hostCpu())
                    .put("host_memory_bytes", e.hostMemoryBytes())));
            return new JsonObject().put("agent_id", agent).put("from", r.fromMs()).put("to", r.toMs())
                    .put("last_seen", last).put("totals", Breakdowns.row("agent_id", agent, t))
                    .put("by_model", rows("model", byModelAndOp.result().get(0)))
                    .put("by_operation", rows("operation", byModelAndOp.result().get(1)))
                    .put("tools", toolRows).put("recent_errors", events(errors.result()))
                    .put("slowest", events(slowest.result())).put("heartbeats", hb);
        });
    }

    static JsonArray rows(String keyName, Map<String, Totals> m) {
        JsonArray a = new JsonArray();
        m.forEach((k, t) -> a.add(Breakdowns.row(keyName, k, t)));
        return a;
    }

    static JsonArray events(List<EventRow> rows) {
        JsonArray a = new JsonArray();
        rows.forEach(e -> a.add(e.toJson()));
        return a;
    }
}
