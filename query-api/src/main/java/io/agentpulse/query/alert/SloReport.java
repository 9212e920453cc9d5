package io.agentpulse.query.alert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /api/v1/slo: for every SLO rule, per matching series of its group over the last 30 days,
 * calls, errors, availability and the remaining error budget
 * (1 - errors / (calls x (1 - objective)); negative = overspent).
 */
final class SloReport {
    static final Duration WINDOW = Duration.ofDays(30);

    private final AlertStore store;
    private final Clock clock;

    SloReport(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Future<JsonObject> run() {
        // Windows starting up to now (ms inclusive): the planner needs a finite end.
        Instant to = clock.instant().plusMillis(1);
        Instant from = to.minus(WINDOW);
        return store.rules().compose(rules -> {
            List<Future<JsonObject>> parts = new ArrayList<>();
            for (Object o : rules) {
                JsonObject body = body(((JsonObject) o).getValue("body"));
                if ("slo".equals(body.getString("kind"))) {
                    parts.add(one(body, from, to));
                }
            }
            return Future.all(parts).map(cf -> {
                JsonArray out = new JsonArray();
                parts.forEach(p -> out.add(p.result()));
                return new JsonObject().put("window_days", WINDOW.toDays()).put("slos", out);
            });
        });
    }

    private Future<JsonObject> one(JsonObject rule, Instant from, Instant to) {
        double objective = rule.getDouble("objective", 0.995);
        String grp = rule.getString("group", "agent");
        JsonObject sel = rule.getJsonObject("selector", new JsonObject());
        return store.sloTotals(grp, from, to).map(rows -> {
            JsonArray series = new JsonArray();
            for (Object o : rows) {
                JsonObject r = (JsonObject) o;
                if (!matches(sel, "agent", r.getString("agent_id")) || !matches(sel, "model", r.getString("model"))
                        || !matches(sel, "operation", r.getString("operation"))) {
                    continue;
                }
                long count = r.getLong("count");
                long errors = r.getLong("errors");
                double allowed = count * (1 - objective);
                series.add(new JsonObject().put("agent", r.getString("agent_id")).put("model", r.getString("model"))
                        .put("operation", r.getString("operation")).put("count", count).put("errors", errors)
                        .put("availability", count == 0 ? null : 1 - (double) errors / count)
                        .put("budget_remaining", allowed == 0 ? null : 1 - errors / allowed));
            }
            return new JsonObject().put("rule_id", rule.getString("id")).put("name", rule.getString("name", rule.getString("id")))
                    .put("objective", objective).put("group", grp).put("series", series);
        });
    }

    private static JsonObject body(Object v) {
        return v instanceof JsonObject o ? o : new JsonObject(String.valueOf(v));
    }

    private static boolean matches(JsonObject sel, String label, String value) {
        String glob = sel.getString(label, "*");
        String regex = java.util.regex.Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return value != null && value.matches(regex);
    }
}
