package io.agentpulse.query.auth;

import io.agentpulse.security.http.SecurityHandler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON answers of the auth and admin routes; errors are {error, reason} like the rest of the API. */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {}

    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body instanceof JsonObject o ? o.encode() : String.valueOf(body));
    }

    static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }

    static void error(RoutingContext ctx, int status, String reason, String message) {
        SecurityHandler.refuse(ctx, status, reason, message);
    }

    /** A store failure: 503, logged without the request's body (it may hold a password). */
    static void failed(RoutingContext ctx, Throwable err) {
        if (ctx.response().ended()) {
            return;
        }
        if (err instanceof Refusal r) {
            error(ctx, r.status, r.reason, r.getMessage());
            return;
        }
        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.normalizedPath(), err.toString());
        error(ctx, 503, "store-unavailable", "The database did not answer; try again shortly.");
    }

    /** The request's JSON object body, or null (then a 400 has been sent). */
    static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject b = ctx.body().asJsonObject();
            if (b != null) {
                return b;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        error(ctx, 400, "bad-request", "The body must be a JSON object.");
        return null;
    }

    /** A refusal decided inside a future chain: answered with its status and reason. */
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
