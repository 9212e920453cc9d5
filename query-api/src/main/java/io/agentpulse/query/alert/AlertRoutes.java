package io.agentpulse.query.alert;

import io.agentpulse.contract.rule.AlertRule;
import io.agentpulse.notify.Route;

import io.agentpulse.ops.CounterSpec;
import io.agentpulse.query.auth.Auditor;
import io.agentpulse.security.Principal;
import io.agentpulse.security.http.SecurityHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST for alerting: /api/v1/alert-rules (CRUD; stored, then published to the compacted topic),
 * /api/v1/alerts (firing and pending, history, ack / un-ack), /api/v1/silences (create, expire),
 * /api/v1/notifications, /api/v1/slo. Operator actions are pushed as SSE `alert-action` events.
 * Bad input answers 400 with {error, reason: bad-request}; a database failure 503.
 */
final class AlertRoutes {
    static final CounterSpec REQUESTS = new CounterSpec("agentpulse_alert_api_requests_total",
            "Alert API answers (rules, silences, history, acknowledgements), by HTTP status", "status");
    static final CounterSpec REJECTED = new CounterSpec("agentpulse_alert_api_rejected_total",
            "Alert API requests answered with an error, by reason", "reason");
    private static final Logger LOG = LoggerFactory.getLogger(AlertRoutes.class);

    private final AlertStore store;
    private final RulePublisher publisher;
    private final BiConsumer<String, JsonObject> events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Auditor audit;

    private AlertRoutes(AlertStore store, RulePublisher publisher, BiConsumer<String, JsonObject> events, Clock clock,
                        MeterRegistry meters, Auditor audit) {
        this.audit = audit;
        this.store = store;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param events receives (SSE event type, data) for every operator action
     * @param audit  one audit row per rule change, ack, silence and unsilence, by the authenticated caller
     */
    static AlertRoutes mount(Router router, AlertStore store, RulePublisher publisher, BiConsumer<String, JsonObject> events,
                             Clock clock, MeterRegistry meters, Auditor audit) {
        AlertRoutes a = new AlertRoutes(store, publisher, events, clock, meters, audit);
        // body handlers on the write routes only (a path-wide one would be a route without a policy line)
        BodyHandler body = BodyHandler.create().setBodyLimit(64 * 1024);
        router.get("/api/v1/alert-rules").handler(ctx -> a.reply(ctx, store.rules().map(r -> new JsonObject().put("rules", r))));
        router.get("/api/v1/alert-rules/:id").handler(ctx -> a.reply(ctx, store.rule(ctx.pathParam("id"))
                .map(o -> o.orElseThrow(() -> new NotFound("No rule has the id " + ctx.pathParam("id") + ".")))));
        router.post("/api/v1/alert-rules").handler(body).handler(ctx -> a.putRule(ctx, null));
        router.put("/api/v1/alert-rules/:id").handler(body).handler(ctx -> a.putRule(ctx, ctx.pathParam("id")));
        router.delete("/api/v1/alert-rules/:id").handler(a::deleteRule);
        router.get("/api/v1/alerts").handler(ctx -> a.reply(ctx, store.active()));
        router.get("/api/v1/alerts/history").handler(ctx -> a.reply(ctx, store.history(limit(ctx)).map(h -> new JsonObject().put("alerts", h))));
        router.post("/api/v1/alerts/:fingerprint/ack").handler(body).handler(a::ack);
        router.delete("/api/v1/alerts/:fingerprint/ack").handler(a::unack);
        router.get("/api/v1/silences").handler(ctx -> a.reply(ctx, store.silences("true".equals(ctx.request().getParam("all")),
                clock.instant()).map(s -> new JsonObject().put("silences", s))));
        router.post("/api/v1/silences").handler(body).handler(a::silence);
        router.delete("/api/v1/silences/:id").handler(a::expire);
        router.get("/api/v1/notifications").handler(ctx -> a.reply(ctx, store.notifications(limit(ctx)).map(n -> new JsonObject().put("notifications", n))));
        router.get("/api/v1/slo").handler(ctx -> a.reply(ctx, new SloReport(store, clock).run()));
        return a;
    }

    private void putRule(RoutingContext ctx, String pathId) {
        JsonObject rule;
        try {
            rule = ctx.body().asJsonObject();
            if (rule == null) {
                throw new IllegalArgumentException("The body must be a rule as a JSON object.");
            }
            if (pathId != null) {
                rule.put("id", rule.getString("id", pathId));
                if (!pathId.equals(rule.getString("id"))) {
                    throw new IllegalArgumentException("The body's id '" + rule.getString("id") + "' differs from the path's '" + pathId + "'.");
                }
            }
            check(rule);
        } catch (RuntimeException e) {
            bad(ctx, e);
            return;
        }
        String id = rule.getString("id");
        Future<JsonObject> done = store.putRule(id, rule, by(ctx), pathId == null).compose(created -> {
            if (pathId == null && !created) {
                return Future.failedFuture(new Conflict("A rule with the id " + id + " exists; PUT /api/v1/alert-rules/" + id + " replaces it."));
            }
            return publisher.publish(id, rule.encode())
                    .compose(v -> audit.record(ctx, created ? "rule.create" : "rule.update", id, new JsonObject())).map(v -> {
                events.accept("alert-action", new JsonObject().put("action", "rule-saved").put("rule_id", id));
                return rule;
            });
        });
        reply(ctx, pathId == null ? 201 : 200, done);
    }

    /**
     * The one rule validator (contract's AlertRule, which the processor parses with before evaluating: a rule
     * saved here is a rule evaluated there), then each channel route as notify reads it.
     */
    static void check(JsonObject rule) {
        AlertRule.parse(rule.encode()).channels().forEach(Route::parse);
    }

    private void deleteRule(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        reply(ctx, 200, store.deleteRule(id).compose(found -> found
                ? publisher.publish(id, null).compose(v -> audit.record(ctx, "rule.delete", id, new JsonObject())).map(v -> {
                    events.accept("alert-action", new JsonObject().put("action", "rule-deleted").put("rule_id", id));
                    return new JsonObject().put("deleted", id);
                })
                : Future.failedFuture(new NotFound("No rule has the id " + id + "."))));
    }

    private void ack(RoutingContext ctx) {
        JsonObject b = body(ctx);
        String fp = ctx.pathParam("fingerprint");
        reply(ctx, 200, store.ack(fp, by(ctx), b.getString("comment"), clock.instant()).compose(o -> {
            JsonObject found = o.orElseThrow(() -> new NotFound("No firing alert has the fingerprint " + fp + "."));
            return audit.record(ctx, "alert.ack", fp, new JsonObject()).map(found);
        }).map(ack -> {
            events.accept("alert-action", ack.copy().put("action", "ack"));
            return ack;
        }));
    }

    private void unack(RoutingContext ctx) {
        String fp = ctx.pathParam("fingerprint");
        reply(ctx, 200, store.unack(fp).map(found -> {
            if (!found) {
                throw new NotFound("The alert " + fp + " has no acknowledgement.");
            }
            JsonObject out = new JsonObject().put("action", "unack").put("fingerprint", fp).put("by", by(ctx));
            events.accept("alert-action", out);
            return out;
        }));
    }

    private void silence(RoutingContext ctx) {
        JsonObject b = body(ctx);
        JsonObject matchers;
        Instant start = clock.instant();
        Instant end;
        try {
            matchers = b.getJsonObject("matchers");
            if (matchers == null || matchers.isEmpty()) {
                throw new IllegalArgumentException("A silence needs 'matchers': an object of label -> glob, e.g. {\"agent\": \"support-*\"}.");
            }
            end = b.containsKey("ends_at") ? Instant.ofEpochMilli(b.getLong("ends_at"))
                    : start.plus(Duration.parse(b.getString("duration", "PT1H")));
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("A silence must end in the future.");
            }
        } catch (RuntimeException e) {
            bad(ctx, e);
            return;
        }
        reply(ctx, 201, store.createSilence(matchers, start, end, b.getString("reason"), by(ctx)).compose(s -> audit.record(ctx,
                "alert.silence", String.valueOf(s.getValue("id")), new JsonObject().put("matchers", matchers)).map(s)).map(s -> {
            events.accept("alert-action", s.copy().put("action", "silence"));
            return s;
        }));
    }

    private void expire(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            bad(ctx, new IllegalArgumentException("A silence id is a number, got '" + ctx.pathParam("id") + "'."));
            return;
        }
        reply(ctx, 200, store.expireSilence(id, clock.instant()).compose(o -> {
            JsonObject found = o.orElseThrow(() -> new NotFound("No active silence has the id " + id + "."));
            return audit.record(ctx, "alert.unsilence", String.valueOf(id), new JsonObject()).map(found);
        }).map(s -> {
            events.accept("alert-action", s.copy().put("action", "expire-silence"));
            return s;
        }));
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject b = ctx.body().asJsonObject();
            return b == null ? new JsonObject() : b;
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    /** Who acts: the authenticated caller (a body's "by" or an X-User header is ignored: it could be anyone). */
    static String by(RoutingContext ctx) {
        Principal p = SecurityHandler.principal(ctx);
        return p == null ? "anonymous" : p.name();
    }

    static int limit(RoutingContext ctx) {
        try {
            return Math.max(1, Math.min(1000, Integer.parseInt(ctx.request().getParam("limit", "100"))));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private void reply(RoutingContext ctx, Future<?> f) {
        reply(ctx, 200, f);
    }

    void reply(RoutingContext ctx, int status, Future<?> f) {
        f.onSuccess(v -> {
            REQUESTS.counter(meters, String.valueOf(status)).increment();
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(v instanceof JsonObject o ? o.encode() : String.valueOf(v));
        }).onFailure(err -> {
            if (err instanceof NotFound || err instanceof Conflict) {
                error(ctx, err instanceof NotFound ? 404 : 409, err.getMessage(), err instanceof NotFound ? "not-found" : "conflict");
            } else {
                LOG.warn("Alert API request failed", err);
                error(ctx, 503, "The database or broker did not answer: " + err.getMessage(), "store-unavailable");
            }
        });
    }

    void bad(RoutingContext ctx, RuntimeException e) {
        error(ctx, 400, e.getMessage(), "bad-request");
    }

    private void error(RoutingContext ctx, int status, String message, String reason) {
        REQUESTS.counter(meters, String.valueOf(status)).increment();
        REJECTED.counter(meters, reason).increment();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).put("reason", reason).encode());
    }

    static final class NotFound extends RuntimeException {
        NotFound(String m) {
            super(m, null, false, false);
        }
    }

    static final class Conflict extends RuntimeException {
        Conflict(String m) {
            super(m, null, false, false);
        }
    }
}
