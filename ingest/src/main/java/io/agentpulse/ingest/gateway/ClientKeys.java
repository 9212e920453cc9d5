package io.agentpulse.ingest.gateway;

import io.agentpulse.security.Principal;
import io.vertx.ext.web.RoutingContext;

/** Who a request comes from, for the per-key rate limit. */
final class ClientKeys {
    private ClientKeys() {}

    /**
     * The public id of the request's API key (set by {@link BearerAuth}), else the peer's address. Never the
     * token or any header a client chooses: a client must not escape its limit by renaming itself.
     */
    static String of(RoutingContext ctx) {
        Principal p = ctx.get(BearerAuth.PRINCIPAL);
        if (p != null) {
            return p.name();
        }
        return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    }
}
