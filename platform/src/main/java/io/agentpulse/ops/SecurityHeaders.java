package io.agentpulse.ops;

import io.vertx.core.http.HttpServerResponse;

/**
 * The headers of docs/SECURITY.md, set on every answer of the gateway and the query API before any
 * handler runs (handlers may add, never need to remove). One copy for both services: the gateway's
 * used to send HSTS for one year without subdomains; the stricter policy below is the one kept.
 */
public final class SecurityHeaders {
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /**
     * Two years with subdomains, the preload lists' minimum (stricter than one year: a browser that saw it
     * once refuses plain HTTP to the host and its subdomains that long). Only sent under TLS: browsers
     * ignore it over plain HTTP.
     */
    public static final String HSTS = "max-age=63072000; includeSubDomains";

    private SecurityHeaders() {}

    /** {@code api}: an API answer, never cached ({@code no-store}); static assets set their own caching. */
    public static void apply(HttpServerResponse res, boolean tls, boolean api) {
        res.putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (tls) {
            res.putHeader("Strict-Transport-Security", HSTS);
        }
        if (api) {
            res.putHeader("Cache-Control", "no-store");
        }
    }
}
