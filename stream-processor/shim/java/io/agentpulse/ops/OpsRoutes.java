package io.agentpulse.ops;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;
/** TEMPORARY shim. */
public final class OpsRoutes {
    public static void mount(Router router, PrometheusMeterRegistry registry, Supplier<Boolean> ready) {
        router.get("/healthz").handler(c -> c.response().end("ok"));
        router.get("/readyz").handler(c -> c.response().setStatusCode(ready.get() ? 200 : 503).end());
        router.get("/metrics").handler(c -> c.response().end(registry.scrape()));
    }
}
