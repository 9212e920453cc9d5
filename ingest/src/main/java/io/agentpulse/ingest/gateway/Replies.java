package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.json.Rejection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletionException;

/** The JSON answers of the gateway. */
final class Replies {
    private static final String JSON = "application/json";

    private Replies() {}

    /** {@code {"accepted":N,"rejected":[{"index","field","reason"}...]}} */
    static void batch(RoutingContext ctx, int status, int accepted, List<Rejection> rejections) {
        JsonArray rejected = new JsonArray();
        for (Rejection r : rejections) {
            rejected.add(new JsonObject().put("index", r.index()).put("field", r.field()).put("reason", r.reason()));
        }
        send(ctx, status, new JsonObject().put("accepted", accepted).put("rejected", rejected));
    }

    /** {@code {"error": message}} */
    static void error(RoutingContext ctx, int status, String message) {
        send(ctx, status, new JsonObject().put("error", message));
    }

    /** {@code {"error": message, "reason": code}}: refusals by the access policy (401, 403, 404, 503). */
    static void refusal(RoutingContext ctx, int status, String reason, String message) {
        send(ctx, status, new JsonObject().put("error", message).put("reason", reason));
    }

    /** 503 with Retry-After: the batch as a whole was not acknowledged. */
    static void unavailable(RoutingContext ctx, int retryAfterSeconds, String message) {
        if (!ctx.response().ended()) {
            ctx.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        send(ctx, 503, new JsonObject().put("accepted", 0).put("acknowledged", false).put("error", message));
    }

    static String cause(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof java.util.concurrent.TimeoutException) {
            return "no acknowledgement in time";
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return; // the client went away; nothing to answer
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
    }
}
