package io.agentpulse.security.http;

import io.agentpulse.ops.SecurityHeaders;

import io.agentpulse.security.Principal;
import io.agentpulse.security.keys.KeyVerifier;
import io.agentpulse.security.policy.Access;
import io.agentpulse.security.policy.RoutePolicy;
import io.agentpulse.security.session.Session;
import io.agentpulse.security.session.Sessions;
import io.agentpulse.security.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a service: security headers on every answer; refuses undeclared routes (404) and
 * foreign Origins (403 origin); authenticates by {@code Authorization: Bearer apk_...} or the session cookie;
 * enforces CSRF on cookie-authenticated writes (403 csrf); applies the route's {@link Access} (401 / 403);
 * and leaves the {@link Principal} on the context for the handlers ({@link #principal}).
 * Public routes are not authenticated at all (a stale cookie never blocks the login page).
 */
public final class SecurityHandler implements Handler<RoutingContext> {
    /** The name of the handler's route, which {@link RoutePolicy#check} skips. */
    public static final String NAME = "agentpulse-security";
    static final String PRINCIPAL = "agentpulse.principal";
    static final String SESSION = "agentpulse.session";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityHandler.class);
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final RoutePolicy policy;
    private final KeyVerifier keys;
    private final Sessions sessions;
    private final UserStore users;
    private final Set<String> allowedOrigins;
    private final boolean tls;
    private Handler<RoutingContext> onAllowed = ctx -> { };

    public SecurityHandler(RoutePolicy policy, KeyVerifier keys, Sessions sessions, UserStore users,
                           Set<String> allowedOrigins, boolean tls) {
        this.policy = policy;
        this.keys = keys;
        this.sessions = sessions;
        this.users = users;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.tls = tls;
    }

    /** Runs for every authenticated request that passed, just before the route's handlers (e.g. to audit exports). */
    public SecurityHandler onAllowed(Handler<RoutingContext> hook) {
        this.onAllowed = hook;
        return this;
    }

    /** Mounts the handler before every other route; call on an empty router. */
    public void install(Router router) {
        router.route().setName(NAME).order(Integer.MIN_VALUE).handler(this);
    }

    /** The caller of a request that passed this handler; null on public routes. */
    public static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    /** The session when the cookie authenticated the request, else null. */
    public static Session session(RoutingContext ctx) {
        return ctx.get(SESSION);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String path = ctx.normalizedPath();
        SecurityHeaders.apply(ctx.response(), tls, path.startsWith("/api/"));
        RoutePolicy.Rule rule = policy.lookup(req.method(), path);
        if (rule == null) {
            refuse(ctx, 404, "not-found", "There is no route " + req.method().name() + " " + path + ".");
            return;
        }
        if (!originAllowed(req)) {
            refuse(ctx, 403, "origin", "Requests from the origin " + req.getHeader("Origin") + " are not accepted.");
            return;
        }
        if (rule.access() == Access.PUBLIC) {
            ctx.next();
            return;
        }
        // the body may arrive while we ask the store: hold it for the body handler that runs later
        boolean paused = !req.isEnded();
        if (paused) {
            req.pause();
        }
        authenticate(ctx).onComplete(ar -> {
            if (paused) {
                req.resume();
            }
            if (ar.failed()) {
                LOG.warn("Could not authenticate a request to {}: {}", path, ar.cause().toString());
                refuse(ctx, 503, "auth-unavailable", "The credential store did not answer; try again shortly.");
            } else {
                decide(ctx, rule, ar.result());
            }
        });
    }

    private void decide(RoutingContext ctx, RoutePolicy.Rule rule, Auth auth) {
        if (auth.principal() == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"agentpulse\", error=\"invalid_token\"");
            refuse(ctx, 401, auth.reason(), "This route needs a session (log in) or an API key.");
            return;
        }
        if (auth.session() != null && WRITES.contains(ctx.request().method()) && !sameToken(auth.session().csrf(),
                ctx.request().getHeader("X-CSRF-Token"))) {
            refuse(ctx, 403, "csrf", "A write with the session cookie must carry the session's X-CSRF-Token header.");
            return;
        }
        if (!rule.access().allows(auth.principal())) {
            refuse(ctx, 403, "forbidden", "Your role or key scope does not allow this route.");
            return;
        }
        ctx.put(PRINCIPAL, auth.principal());
        if (auth.session() != null) {
            ctx.put(SESSION, auth.session());
        }
        onAllowed.handle(ctx);
        ctx.next();
    }

    private Future<Auth> authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Future.succeededFuture(Auth.refused("malformed"));
            }
            return keys.verify(header.substring(7).trim()).map(check -> check.ok()
                    ? new Auth(check.principal(), null, null) : Auth.refused(check.reason()));
        }
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        if (cookie == null) {
            return Future.succeededFuture(Auth.refused("missing-credentials"));
        }
        return sessions.resolve(cookie.getValue()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Auth.refused("session-expired"));
            }
            Session s = found.get();
            return users.find(s.username()).map(u -> u.isEmpty() || u.get().disabled() ? Auth.refused("session-expired")
                    : new Auth(Principal.user(s.username(), u.get().role()), s, null));
        });
    }

    /** No Origin (same-origin GETs, curl) is fine; else it must be this server or a configured origin. */
    private boolean originAllowed(HttpServerRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        String host = req.getHeader("Host");
        return allowedOrigins.contains(o) || (host != null && o.equals((tls ? "https://" : "http://") + host.toLowerCase(Locale.ROOT)));
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON refusal of the contract: {error, reason}. */
    public static void refuse(RoutingContext ctx, int status, String reason, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).put("reason", reason).encode());
    }
}
