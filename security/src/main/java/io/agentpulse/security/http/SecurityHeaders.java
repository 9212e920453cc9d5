package io.agentpulse.security.http;

import io.vertx.core.http.HttpServerResponse;

/** The headers of docs/SECURITY.md, set on every answer before any handler runs. */
public final class SecurityHeaders {
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** Two years, the preload lists' minimum; only sent under TLS (browsers ignore it over plain HTTP). */
    static final String HSTS = "max-age=63072000; includeSubDomains";

    private SecurityHeaders() {}

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
