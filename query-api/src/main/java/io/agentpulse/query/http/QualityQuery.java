package io.agentpulse.query.http;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.store.Bucket;
import io.agentpulse.query.store.FeedbackStep;
import io.agentpulse.query.store.FeedbackSums;
import io.agentpulse.query.store.Totals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * GET /api/v1/quality: availability (share of calls without error) over [from, to) against the
 * objective, error budget remaining (1 - errors / (calls x (1 - objective)), negative when spent),
 * burn rate (error rate / (1 - objective); 1 spends the budget exactly over the range), and the user
 * feedback (FEEDBACK events) of the range from the rollups, so any range the rollups keep answers
 * (a year reads 4-week rows): score count, mean, rated share (scores / calls of the same rows), the
 * 10-bucket distribution, and per auto step availability and feedback. The individual scores (with
 * their link to the rated call) are raw events: GET /api/v1/events?kind=feedback.
 * ?table=availability_series|feedback|feedback_distribution picks the CSV table.
 */
final class QualityQuery {
    private final Breakdowns breakdowns;
    private final DashboardConfig cfg;
    private final Clock clock;

    QualityQuery(Breakdowns breakdowns, DashboardConfig cfg, Clock clock) {
        this.breakdowns = breakdowns;
        this.cfg = cfg;
        this.clock = clock;
    }

    Future<JsonObject> run(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        Filters f = Params.filters(q, breakdowns.dimensions());
        long step = breakdowns.planner().autoStep(r.fromMs(), r.toMs());
        long from = Math.floorDiv(r.fromMs(), step) * step;
        long to = Math.floorDiv(r.toMs() + step - 1, step) * step;
        Future<Totals> total = breakdowns.total(f, r.fromMs(), r.toMs(), false); // counts only
        Future<List<Bucket>> buckets = breakdowns.perStep(f, null, from, to, step);
        Future<FeedbackSums> feedback = breakdowns.feedbackTotal(f, r.fromMs(), r.toMs());
        Future<List<FeedbackStep>> trend = breakdowns.feedbackPerStep(f, from, to, step);
        return Future.all(total, buckets, feedback, trend).map(done -> {
            Totals t = total.result();
            double allowed = 1 - cfg.sloAvailability();
            double errorRate = t.count() == 0 ? 0 : t.errorRate();
            JsonArray avail = new JsonArray();
            buckets.result().forEach(b -> avail.add(new JsonObject().put("t", b.startMs()).put("count", b.totals().count())
                    .put("errors", b.totals().errors()).put("availability", Json.num(1 - b.totals().errorRate()))));
            FeedbackSums fb = feedback.result();
            JsonObject out = new JsonObject().put("from", r.fromMs()).put("to", r.toMs()).put("step_ms", step)
                    .put("objective", cfg.sloAvailability()).put("count", t.count()).put("errors", t.errors())
                    .put("availability", t.count() == 0 ? null : 1 - errorRate)
                    .put("error_budget_remaining", t.count() == 0 ? null : 1 - errorRate / allowed)
                    .put("burn_rate", t.count() == 0 ? null : errorRate / allowed)
                    .put("feedback_count", fb.count()).put("feedback_mean", Json.num(fb.mean()))
                    .put("rated_share", Json.num(fb.ratedShare()))
                    .put("availability_series", avail).put("feedback", steps(trend.result()))
                    .put("feedback_distribution", distribution(fb));
            return out;
        });
    }

    /** Per step: scores, their mean (null without any), the calls and the rated share (null without calls). */
    static JsonArray steps(List<FeedbackStep> steps) {
        JsonArray out = new JsonArray();
        for (FeedbackStep st : steps) {
            FeedbackSums s = st.sums();
            out.add(new JsonObject().put("t", st.startMs()).put("count", s.count()).put("mean_score", Json.num(s.mean()))
                    .put("calls", s.calls()).put("rated_share", Json.num(s.ratedShare())));
        }
        return out;
    }

    /** Ten rows, [from, to) of width 0.1 (the last includes 1.0), each with its count and share of the scores. */
    static JsonArray distribution(FeedbackSums s) {
        JsonArray out = new JsonArray();
        long[] h = s.histogram();
        for (int i = 0; i < h.length; i++) {
            out.add(new JsonObject().put("from", i / 10.0).put("to", (i + 1) / 10.0).put("count", h[i])
                    .put("share", s.count() == 0 ? null : (double) h[i] / s.count()));
        }
        return out;
    }
}
