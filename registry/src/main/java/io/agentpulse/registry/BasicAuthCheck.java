package io.agentpulse.registry;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Lets a request through only with {@code Authorization: Basic} of the one configured
 * {@code user:password}; otherwise answers 401 as Confluent does (its error body and a
 * {@code WWW-Authenticate} challenge). The comparison takes the same time whatever matches.
 */
final class BasicAuthCheck implements Handler<RoutingContext> {
    private final byte[] expected;

    BasicAuthCheck(String userInfo) {
        this.expected = ("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader("Authorization");
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"")
                .putHeader("Content-Type", RegistryRoutes.CONTENT_TYPE)
                .end(new JsonObject().put("error_code", 401).put("message", "Unauthorized").encode());
    }
}
