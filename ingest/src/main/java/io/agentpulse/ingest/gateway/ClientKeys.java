package io.agentpulse.ingest.gateway;

import io.vertx.ext.web.RoutingContext;

/** Who a request comes from, for the per-key rate limit. */
final class ClientKeys {
    /** The header agents set to name their key (an API key or any stable client name). */
    static final String HEADER = "X-AgentPulse-Key";

    private ClientKeys() {}

    /** The X-AgentPulse-Key header, else the Authorization header, else the peer's address. */
    static String of(RoutingContext ctx) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null) {
            key = ctx.request().getHeader("Authorization");
        }
        if (key == null && ctx.request().remoteAddress() != null) {
            key = ctx.request().remoteAddress().hostAddress();
        }
        return key == null ? null : key.length() > 256 ? key.substring(0, 256) : key;
    }
}
