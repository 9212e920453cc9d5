package io.agentpulse.query.price;

import io.agentpulse.query.auth.Auditor;
import io.agentpulse.security.Principal;
import io.agentpulse.security.http.SecurityHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Price versions and repricing jobs (issue 13): everyone reads, admins write (QueryPolicy), every write is
 * audited ("price.create", "price.reprice"). A job is only requested here; a processor runs it
 * (stream-processor pricing/Repricer, within its price poll) and this API shows its progress and result.
 * <pre>
 * GET  /api/v1/prices[?at=]            every version; in_force marks each model pattern's version at `at` (now)
 * GET  /api/v1/prices/:model           one pattern's history, newest first
 * POST /api/v1/prices                  {model, effective_from, input, output, cached_input?, reasoning?, note?}
 * GET  /api/v1/reprice-jobs            newest first; GET /api/v1/reprice-jobs/:id
 * POST /api/v1/reprice-jobs            {from, to, model?}: recompute [from, to) with the versions in force
 * </pre>
 */
public final class PriceRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PriceRoutes.class);
    /** One job is one transaction over the range's raw events: bounded so that it cannot hold locks for hours. */
    static final Duration MAX_RANGE = Duration.ofDays(31);

    private final PgPrices store;
    private final Clock clock;
    private final Auditor audit;

    private PriceRoutes(PgPrices store, Clock clock, Auditor audit) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    public static void mount(Router router, Pool pool, Clock clock, Auditor audit) {
        PriceRoutes r = new PriceRoutes(new PgPrices(pool), clock, audit);
        BodyHandler body = BodyHandler.create().setBodyLimit(16 * 1024);
        router.get("/api/v1/prices").handler(r::list);
        router.get("/api/v1/prices/:model").handler(r::history);
        router.post("/api/v1/prices").handler(body).handler(r::add);
        router.get("/api/v1/reprice-jobs").handler(ctx -> reply(ctx, 200, r.store.jobs(limit(ctx)).map(a -> new JsonObject().put("jobs", a))));
        router.get("/api/v1/reprice-jobs/:id").handler(r::job);
        router.post("/api/v1/reprice-jobs").handler(body).handler(r::reprice);
    }

    private void list(RoutingContext ctx) {
        Instant at;
        try {
            String raw = ctx.request().getParam("at");
            at = raw == null || raw.isEmpty() ? clock.instant() : NewPrice.instant(raw);
        } catch (IllegalArgumentException e) {
            bad(ctx, "at: " + e.getMessage().substring(e.getMessage().indexOf(':') + 2));
            return;
        }
        Instant when = at;
        reply(ctx, 200, store.versions(when, null).map(a -> new JsonObject().put("at", when.toString()).put("versions", a)));
    }

    private void history(RoutingContext ctx) {
        String pattern;
        try {
            pattern = NewPrice.pattern(ctx.pathParam("model"));
        } catch (IllegalArgumentException e) {
            bad(ctx, e.getMessage());
            return;
        }
        reply(ctx, 200, store.versions(clock.instant(), pattern).compose(a -> a.isEmpty()
                ? Future.failedFuture(new Refusal(404, "not-found", "No price version has the model " + pattern + "."))
                : Future.succeededFuture(new JsonObject().put("model", pattern).put("versions", a))));
    }

    private void add(RoutingContext ctx) {
        NewPrice p;
        try {
            p = NewPrice.parse(body(ctx));
        } catch (IllegalArgumentException e) {
            bad(ctx, e.getMessage());
            return;
        }
        reply(ctx, 201, store.add(p, by(ctx)).compose(added -> added
                ? audit.record(ctx, "price.create", p.id(), p.toJson()).map(v -> p.toJson().put("source", "admin").put("created_by", by(ctx)))
                : Future.failedFuture(new Refusal(409, "conflict", "The model " + p.pattern() + " already has a version from "
                        + p.effectiveFrom() + "; versions are never edited: add one with another effective_from."))));
    }

    private void reprice(RoutingContext ctx) {
        Instant from;
        Instant to;
        String model;
        try {
            JsonObject b = body(ctx);
            from = field("from", b.getValue("from"));
            to = field("to", b.getValue("to"));
            model = b.getValue("model") == null ? null : NewPrice.pattern(b.getValue("model"));
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("to: must be after from.");
            }
            if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                throw new IllegalArgumentException("to: a job covers at most " + MAX_RANGE.toDays() + " days; split the range.");
            }
        } catch (IllegalArgumentException e) {
            bad(ctx, e.getMessage());
            return;
        }
        reply(ctx, 202, store.requestJob(from, to, model, by(ctx)).compose(job -> audit.record(ctx, "price.reprice",
                String.valueOf(job.getLong("id")), new JsonObject().put("from", from.toString()).put("to", to.toString())
                        .put("model", model)).map(v -> job)));
    }

    private void job(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            bad(ctx, "id: must be a job number, got '" + ctx.pathParam("id") + "'.");
            return;
        }
        reply(ctx, 200, store.job(id).compose(j -> j == null
                ? Future.failedFuture(new Refusal(404, "not-found", "No repricing job has the id " + id + "."))
                : Future.succeededFuture(j)));
    }

    private static Instant field(String name, Object raw) {
        try {
            return NewPrice.instant(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + e.getMessage().substring("effective_from".length()));
        }
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject b = ctx.body().asJsonObject();
            if (b != null) {
                return b;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new IllegalArgumentException("body: must be a JSON object.");
    }

    private static int limit(RoutingContext ctx) {
        try {
            return Math.max(1, Math.min(500, Integer.parseInt(ctx.request().getParam("limit", "50"))));
        } catch (NumberFormatException e) {
            return 50;
        }
    }

    private static String by(RoutingContext ctx) {
        Principal p = SecurityHandler.principal(ctx);
        return p == null ? "anonymous" : p.name();
    }

    private static void bad(RoutingContext ctx, String message) {
        error(ctx, 400, "bad-request", message);
    }

    private static void reply(RoutingContext ctx, int status, Future<JsonObject> f) {
        f.onSuccess(v -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(v.encode())).onFailure(err -> {
                    if (err instanceof Refusal r) {
                        error(ctx, r.status, r.reason, r.getMessage());
                    } else {
                        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.normalizedPath(), err.toString());
                        error(ctx, 503, "store-unavailable", "The database did not answer; try again shortly.");
                    }
                });
    }

    private static void error(RoutingContext ctx, int status, String reason, String message) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", message).put("reason", reason).encode());
        }
    }

    /** A refusal decided inside a future chain. */
    static final class Refusal extends RuntimeException {
        final int status;
        final String reason;

        Refusal(int status, String reason, String message) {
            super(message, null, false, false);
            this.status = status;
            this.reason = reason;
        }
    }
}
