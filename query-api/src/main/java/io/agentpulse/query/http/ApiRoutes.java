package io.agentpulse.query.http;

import io.agentpulse.query.export.Csv;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.plan.SliceException;
import io.agentpulse.query.store.RollupReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes. Bad parameters answer 400 with {error, field, reason}; a store failure answers
 * 503 with reason store-unavailable. Both are counted (agentpulse_query_rejected_total by endpoint
 * and reason); every request is counted by endpoint and status.
 */
public final class ApiRoutes {
    static final CounterSpec REQUESTS = new CounterSpec("agentpulse_query_requests_total",
            "Dashboard API answers, by endpoint and HTTP status", "endpoint", "status");
    static final CounterSpec REJECTED = new CounterSpec("agentpulse_query_rejected_total",
            "Dashboard API requests answered with an error, by endpoint and reason", "endpoint", "reason");
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private ApiRoutes() {}

    public static void mount(Router router, RollupReader reader, Planner planner, Clock clock, MeterRegistry meters) {
        SummaryQuery summary = new SummaryQuery(reader, planner, clock);
        TimeseriesQuery timeseries = new TimeseriesQuery(reader, planner, clock);
        router.get("/api/v1/summary").handler(ctx -> answer(ctx, "summary", meters, Compare.wrap(summary::run, clock)));
        router.get("/api/v1/timeseries").handler(ctx -> answer(ctx, "timeseries", meters, Compare.wrap(timeseries::run, clock)));
    }

    /** Runs a query with the request's path and query parameters; JSON, or CSV when asked (see Csv). */
    static void answer(RoutingContext ctx, String endpoint, MeterRegistry meters,
                       Function<Function<String, String>, Future<JsonObject>> query) {
        Future<JsonObject> result;
        try {
            result = query.apply(name -> ctx.pathParam(name) != null ? ctx.pathParam(name) : ctx.request().getParam(name));
        } catch (ParamException e) {
            reject(ctx, endpoint, meters, 400, new JsonObject().put("error", e.getMessage())
                    .put("field", e.field()).put("reason", e.reason()));
            return;
        } catch (SliceException e) {
            rejectSlice(ctx, endpoint, meters, e);
            return;
        }
        result.onSuccess(json -> {
            REQUESTS.counter(meters, endpoint, "200").increment();
            if (Csv.wanted(ctx)) {
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").putHeader("Cache-Control", "no-store")
                        .putHeader("Content-Disposition", "attachment; filename=\"" + endpoint + ".csv\"")
                        .end(Csv.render(json, ctx.request().getParam("table")));
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(json.encode());
        }).onFailure(err -> {
            if (err instanceof SliceException e) {
                rejectSlice(ctx, endpoint, meters, e);
                return;
            }
            if (err instanceof NotFoundException) {
                reject(ctx, endpoint, meters, 404, new JsonObject().put("error", err.getMessage()).put("reason", "not-found"));
                return;
            }
            LOG.warn("{} query failed", endpoint, err);
            reject(ctx, endpoint, meters, 503, new JsonObject()
                    .put("error", "The database did not answer the query: " + err.getMessage())
                    .put("reason", "store-unavailable"));
        });
    }

    private static void rejectSlice(RoutingContext ctx, String endpoint, MeterRegistry meters, SliceException e) {
        reject(ctx, endpoint, meters, 400, new JsonObject().put("error", e.getMessage()).put("field", e.dimension())
                .put("reason", "unsupported-slice"));
    }

    private static void reject(RoutingContext ctx, String endpoint, MeterRegistry meters, int status, JsonObject body) {
        REQUESTS.counter(meters, endpoint, String.valueOf(status)).increment();
        REJECTED.counter(meters, endpoint, body.getString("reason")).increment();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
