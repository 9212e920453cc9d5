package io.agentpulse.query.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the web UI from the classpath folder webroot/ (the web-ui jar). Files under /assets/
 * carry a content hash in their names (the bundler's default), so they are cached for a year
 * and marked immutable; everything else (index.html) must be revalidated, so a new deployment
 * is picked up on the next load.
 */
public final class StaticRoutes {
    static final long ONE_YEAR_S = 365L * 24 * 3600;

    private StaticRoutes() {}

    public static void mount(Router router) {
        router.route("/assets/*").handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                if (ctx.response().getStatusCode() == 200) {
                    ctx.response().putHeader("Cache-Control", "public, max-age=" + ONE_YEAR_S + ", immutable");
                }
            });
            ctx.next();
        }).handler(StaticHandler.create("webroot/assets").setMaxAgeSeconds(ONE_YEAR_S));
        router.route("/*").handler(ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Cache-Control", "no-cache"));
            ctx.next();
        }).handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
    }
}
