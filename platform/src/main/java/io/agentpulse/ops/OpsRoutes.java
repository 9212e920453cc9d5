package io.agentpulse.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The operational endpoints every service has: {@code /healthz} (the process answers),
 * {@code /readyz} (it can do its job: 200, or 503 with a JSON reason) and {@code /metrics}
 * (Prometheus text format 0.0.4).
 */
public final class OpsRoutes {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private OpsRoutes() {}

    public static void mount(Router router, PrometheusMeterRegistry registry, Supplier<Boolean> ready) {
        router.get("/healthz").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/readyz").handler(ctx -> readiness(ctx, ready));
        router.get("/metrics").handler(ctx -> ctx.response()
            .putHeader("Content-Type", PROMETHEUS_TEXT)
            .end(registry.scrape()));
    }

    private static void readiness(RoutingContext ctx, Supplier<Boolean> ready) {
        boolean isReady;
        String reason;
        try {
            isReady = Boolean.TRUE.equals(ready.get());
            reason = "the service is starting or one of its dependencies (Kafka, PostgreSQL, the registry) is not available";
        } catch (RuntimeException e) {
            isReady = false;
            reason = "the readiness check failed: " + e.getMessage();
        }
        if (isReady) {
            json(ctx, 200, new JsonObject().put("status", "READY"));
        } else {
            json(ctx, 503, new JsonObject().put("status", "NOT_READY").put("reason", reason));
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON)
            .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
