package io.agentpulse.ingest.gateway;

import io.agentpulse.security.Scope;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Who may call each route of the gateway: the one table that declares every route, and the filter that
 * enforces it before any other handler. Deny by default: a request no row declares gets 404 before any
 * handler runs, and {@link #check(Router, Set)} refuses to start a gateway that mounts a route the table
 * does not declare (so a route added without a row fails its first test, not a penetration test).
 */
final class GatewayPolicy {
    enum Access { ANONYMOUS, INGEST }

    /** One declaration; {@code method} null means every method of that path. */
    record Rule(HttpMethod method, String path, Access access, String why) {}

    static final List<Rule> TABLE = List.of(
            new Rule(HttpMethod.GET, "/healthz", Access.ANONYMOUS, "liveness probe: says only that the process answers"),
            new Rule(HttpMethod.GET, "/readyz", Access.ANONYMOUS, "readiness probe for load balancers"),
            new Rule(HttpMethod.GET, "/metrics", Access.ANONYMOUS, "Prometheus scrape: counters, never a token"),
            new Rule(HttpMethod.POST, "/v1/events", Access.INGEST, "JSON events from agents"),
            new Rule(HttpMethod.POST, "/v1/traces", Access.INGEST, "OTLP/HTTP spans (protobuf or JSON)"),
            new Rule(null, "/v1/events", Access.ANONYMOUS, "any other method: 405 with Allow, reads nothing"));

    private final BearerAuth auth;
    private final GatewayMetrics metrics;

    GatewayPolicy(BearerAuth auth, GatewayMetrics metrics) {
        this.auth = auth;
        this.metrics = metrics;
    }

    /** The declaration for a request, or null: a method-specific row wins over an every-method row. */
    static Rule lookup(HttpMethod method, String path) {
        // Vert.x matches "/v1/events/" to the route "/v1/events"; the policy must see the same path.
        String p = path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Rule any = null;
        for (Rule r : TABLE) {
            if (r.path().equals(p)) {
                if (method.equals(r.method())) {
                    return r;
                }
                any = r.method() == null ? r : any;
            }
        }
        return any;
    }

    /** The first handler of every request: undeclared routes end here, ingest routes need a key. */
    void enforce(RoutingContext ctx) {
        Rule rule = lookup(ctx.request().method(), ctx.normalizedPath());
        if (rule == null) {
            metrics.authRefused("not-found");
            Replies.refusal(ctx, 404, "not-found", "The gateway has no route " + ctx.request().method().name()
                    + " " + ctx.normalizedPath() + "; it serves POST /v1/events, POST /v1/traces, /healthz, /readyz"
                    + " and /metrics.");
            return;
        }
        if (rule.access() == Access.INGEST) {
            auth.require(ctx, Scope.INGEST);
        } else {
            ctx.next();
        }
    }

    /**
     * The startup check: every route mounted on {@code router}, except the policy's own filter routes in
     * {@code own}, must have a fixed path and a row for each of its methods.
     */
    static void check(Router router, Set<Route> own) {
        for (Route route : router.getRoutes()) {
            if (own.contains(route)) {
                continue;
            }
            String path = route.getPath();
            if (path == null || route.isRegexPath()) {
                throw new IllegalStateException("The gateway mounts a route without a fixed path ("
                        + (route.getName() == null ? "unnamed" : route.getName()) + "), which the access table in "
                        + "GatewayPolicy.TABLE cannot declare; mount it on a fixed path and add a row for it.");
            }
            Set<HttpMethod> methods = route.methods();
            if (methods == null || methods.isEmpty()) {
                if (TABLE.stream().noneMatch(r -> r.method() == null && r.path().equals(path))) {
                    throw undeclared("every method of " + path);
                }
            } else {
                for (HttpMethod m : methods) {
                    if (lookup(m, path) == null) {
                        throw undeclared(m.name() + " " + path);
                    }
                }
            }
        }
    }

    private static IllegalStateException undeclared(String what) {
        return new IllegalStateException("The gateway mounts " + what + " but GatewayPolicy.TABLE does not say who"
                + " may call it; add a row (anonymous or ingest) before mounting the route.");
    }
}
