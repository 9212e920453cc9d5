package io.agentpulse.ingest.gateway;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers the security contract (docs/SECURITY.md) puts on every answer. The gateway serves no pages, so
 * the strict content security policy costs nothing; every answer is an API answer, hence {@code no-store}.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** One year, the common preload minimum; sent only over HTTPS, where the browser honours it. */
    static final String HSTS = "max-age=31536000";

    private SecurityHeaders() {}

    /** Sets the headers on the response before any handler runs (handlers may add, never need to remove). */
    static void apply(RoutingContext ctx, boolean tls) {
        MultiMap h = ctx.response().headers();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
        if (tls) {
            h.set("Strict-Transport-Security", HSTS);
        }
    }
}
