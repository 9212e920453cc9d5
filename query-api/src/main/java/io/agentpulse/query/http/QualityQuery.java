package io.agentpulse.query.http;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.store.Bucket;
import io.agentpulse.query.store.EventReader;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * GET /api/v1/quality: availability (share of calls without error) over [from, to) against the
 * objective, error budget remaining (1 - errors / (calls x (1 - objective)), negative when spent),
 * burn rate (error rate / (1 - objective); 1 spends the budget exactly over the range), and per
 * auto step: availability and the mean user feedback score (kind FEEDBACK events).
 * ?table=availability|feedback picks the CSV table (default availability).
 */
final class QualityQuery {
    private final Breakdowns breakdowns;
    private final EventReader events;
    private final DashboardConfig cfg;
    private final Clock clock;

    QualityQuery(Breakdowns breakdowns, EventReader events, DashboardConfig cfg, Clock clock) {
        this.breakdowns = breakdowns;
        this.events = events;
        this.cfg = cfg;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        Filters f = Params.filters(q);
        long step = breakdowns.planner().autoStep(r.fromMs(), r.toMs());
        long from = Math.floorDiv(r.fromMs(), step) * step;
        long to = Math.floorDiv(r.toMs() + step - 1, step) * step;
        Future<Totals> total = breakdowns.total(f, r.fromMs(), r.toMs(), false); // counts only
        Future<List<Bucket>> buckets = breakdowns.perStep(f, null, from, to, step);
        Future<List<EventReader.FeedbackBucket>> feedback = events.feedback(f.agent(), from, to, step);
        return Future.all(total, buckets, feedback).map(done -> {
            Totals t = total.result();
            double allowed = 1 - cfg.sloAvailability();
            double errorRate = t.count() == 0 ? 0 : t.errorRate();
            JsonArray avail = new JsonArray();
            buckets.result().forEach(b -> avail.add(new JsonObject().put("t", b.startMs()).put("count", b.totals().count())
                    .put("errors", b.totals().errors()).put("availability", Json.num(1 - b.totals().errorRate()))));
            TreeMap<Long, EventReader.FeedbackBucket> fb = new TreeMap<>();
            feedback.result().forEach(b -> fb.put(b.startMs(), b));
            JsonArray scores = new JsonArray();
            fb.values().forEach(b -> scores.add(new JsonObject().put("t", b.startMs()).put("count", b.count())
                    .put("mean_score", Json.num(b.sum() / b.count()))));
            return new JsonObject().put("from", r.fromMs()).put("to", r.toMs()).put("step_ms", step)
                    .put("objective", cfg.sloAvailability()).put("count", t.count()).put("errors", t.errors())
                    .put("availability", t.count() == 0 ? null : 1 - errorRate)
                    .put("error_budget_remaining", t.count() == 0 ? null : 1 - errorRate / allowed)
                    .put("burn_rate", t.count() == 0 ? null : errorRate / allowed)
                    .put("availability_series", avail).put("feedback", scores);
        });
    }
}
