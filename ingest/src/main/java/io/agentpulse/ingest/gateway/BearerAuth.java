package io.agentpulse.ingest.gateway;

import io.agentpulse.security.Principal;
import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.KeyCheck;
import io.agentpulse.security.keys.KeyUsage;
import io.agentpulse.security.keys.KeyVerifier;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code Authorization: Bearer apk_...} on the ingest routes. The token goes to the (caching) verifier and is
 * never logged, counted or echoed: answers and metrics name only the refusal reason, and the rate limit and
 * the last-used record only the key's public id. While the verifier works, the request is paused so no body
 * byte is read for a caller we may refuse; the body handler resumes it.
 */
final class BearerAuth {
    /** Where the authenticated {@link Principal} waits for later handlers (the rate limit's key). */
    static final String PRINCIPAL = "agentpulse.principal";
    private static final String SCHEME = "Bearer ";

    private static final Map<String, String> MESSAGES = Map.of(
            "missing-credentials", "This route needs an API key with the ingest scope: send the header "
                    + "Authorization: Bearer apk_... (OTLP exporters: set it in their headers setting).",
            "malformed", "The Authorization header must be 'Bearer ' followed by an Agent Pulse key "
                    + "(apk_<12 chars>_<43 chars>).",
            "unknown-key", "This API key is not known here; check that it was copied whole, or ask an admin for one.",
            "revoked", "This API key was revoked; ask an admin for a new one.",
            "expired", "This API key has expired; ask an admin for a new one.");

    private final KeyVerifier verifier;
    private final KeyUsage usage;
    private final GatewayMetrics metrics;
    private final int retryAfterSeconds;

    BearerAuth(KeyVerifier verifier, KeyUsage usage, GatewayMetrics metrics, int retryAfterSeconds) {
        this.verifier = verifier;
        this.usage = usage;
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The text after "Bearer " (scheme in any case), or null when the header is not a single bearer token. */
    static String token(String header) {
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String t = header.substring(SCHEME.length()).trim();
        return t.isEmpty() || t.indexOf(' ') >= 0 ? null : t;
    }

    /** Continues the route for a key with {@code scope}; answers 401, 403 or 503 otherwise. */
    void require(RoutingContext ctx, Scope scope) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            unauthorized(ctx, "missing-credentials");
            return;
        }
        String token = token(header);
        if (token == null) {
            unauthorized(ctx, "malformed");
            return;
        }
        ctx.request().pause();
        Context here = Vertx.currentContext();
        verifier.verify(token).onComplete(ar -> {
            // A shared cached lookup may complete on another event loop: answer on the request's own.
            if (here == null || Vertx.currentContext() == here) {
                decide(ctx, scope, ar);
            } else {
                here.runOnContext(v -> decide(ctx, scope, ar));
            }
        });
    }

    private void decide(RoutingContext ctx, Scope scope, AsyncResult<KeyCheck> ar) {
        if (ar.failed()) {
            metrics.authRefused("unavailable");
            EventsHandler.closeAfterAnswer(ctx);
            ctx.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
            Replies.refusal(ctx, 503, "unavailable", "The gateway could not check the API key (the key store did "
                    + "not answer); nothing of this request was read, retry it.");
            return;
        }
        KeyCheck check = ar.result();
        if (!check.ok()) {
            unauthorized(ctx, check.reason());
            return;
        }
        Principal p = check.principal();
        if (!p.has(scope)) {
            metrics.authRefused("forbidden");
            EventsHandler.closeAfterAnswer(ctx);
            Replies.refusal(ctx, 403, "forbidden", "The API key " + p.name() + " lacks the " + scope.wire()
                    + " scope, so it may not send events here.");
            return;
        }
        ctx.put(PRINCIPAL, p);
        usage.used(p.name());
        ctx.next();
    }

    private void unauthorized(RoutingContext ctx, String reason) {
        metrics.authRefused(reason);
        EventsHandler.closeAfterAnswer(ctx);
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"agentpulse\"");
        Replies.refusal(ctx, 401, reason, MESSAGES.getOrDefault(reason, "The API key was refused (" + reason + ")."));
    }
}
