package io.agentpulse.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** TEMPORARY stand-in (ingest module) until schemas' io.agentpulse.ops lands on main; delete then. */
public final class OpsRoutes {
    private OpsRoutes() {}

    public static void mount(Router router, PrometheusMeterRegistry registry, Supplier<Boolean> ready) {
        router.get("/healthz").handler(ctx -> ctx.response().end("{\"status\":\"UP\"}"));
        router.get("/readyz").handler(ctx -> ctx.response().setStatusCode(Boolean.TRUE.equals(ready.get()) ? 200 : 503)
                .end());
        router.get("/metrics").handler(ctx -> ctx.response().end(registry.scrape()));
    }
}
