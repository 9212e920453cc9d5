package io.agentpulse.query.auth;

import io.agentpulse.security.Principal;
import io.agentpulse.security.http.SecurityHandler;
import io.agentpulse.security.session.LoginThrottle;
import io.agentpulse.security.session.Session;
import io.agentpulse.security.session.Sessions;
import io.agentpulse.security.users.Passwords;
import io.agentpulse.security.users.User;
import io.agentpulse.security.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** POST /api/v1/auth/login, /logout, /password and GET /api/v1/auth/me (docs/SECURITY.md). */
final class AuthRoutes {
    static final int BODY_LIMIT = 4_096;
    private final Vertx vertx;
    private final UserStore users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Auditor audit;
    private final Clock clock;
    private final boolean tls;

    AuthRoutes(Vertx vertx, UserStore users, Sessions sessions, LoginThrottle throttle, Auditor audit, Clock clock, boolean tls) {
        this.vertx = vertx;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.tls = tls;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(BODY_LIMIT);
        router.post("/api/v1/auth/login").handler(body).handler(this::login);
        router.post("/api/v1/auth/logout").handler(this::logout);
        router.post("/api/v1/auth/password").handler(body).handler(this::password);
        router.get("/api/v1/auth/me").handler(this::me);
    }

    private void login(RoutingContext ctx) {
        JsonObject b = Replies.body(ctx);
        if (b == null) {
            return;
        }
        String username = b.getValue("username") instanceof String s ? s : "";
        String password = b.getValue("password") instanceof String s ? s : "";
        String actor = User.NAME.matcher(username).matches() ? username : "(invalid username)";
        Duration locked = throttle.lockedFor(username);
        if (!locked.isZero()) {
            long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
            audit.anonymous(ctx, actor, "auth.login.throttled", "denied", new JsonObject()).onComplete(v -> {
                ctx.response().putHeader("Retry-After", String.valueOf(seconds));
                Replies.error(ctx, 429, "throttled", "Too many failed logins for this user; try again in " + seconds + " s.");
            });
            return;
        }
        users.find(User.NAME.matcher(username).matches() ? username : null)
                .compose(u -> vertx.executeBlocking(() -> check(u, password), false).map(ok -> ok ? u.get() : null))
                .onSuccess(u -> {
                    if (u == null) {
                        failedLogin(ctx, actor, username);
                    } else {
                        startSession(ctx, u);
                    }
                })
                .onFailure(err -> Replies.failed(ctx, err));
    }

    private static boolean check(Optional<User> u, String password) {
        if (u.isEmpty() || u.get().disabled()) {
            return Passwords.dummyVerify(password);
        }
        return Passwords.verify(password, u.get().passwordHash());
    }

    private void failedLogin(RoutingContext ctx, String actor, String username) {
        Duration lock = throttle.failure(username);
        audit.anonymous(ctx, actor, "auth.login.failed", "denied",
                lock.isZero() ? new JsonObject() : new JsonObject().put("locked_seconds", lock.toSeconds()))
                .onComplete(v -> Replies.error(ctx, 401, "bad-credentials", "The username or password is wrong."));
    }

    private void startSession(RoutingContext ctx, User u) {
        throttle.success(u.username());
        sessions.start(u.username()).compose(started -> users.recordLogin(u.username(), clock.instant()).map(started))
                .compose(started -> audit.write(u.username(), "user", ctx, "auth.login", u.username(), "ok", new JsonObject())
                        .map(started))
                .onSuccess(started -> {
                    ctx.response().addCookie(cookie(started.cookieValue(), sessions.maxAgeSeconds()));
                    Replies.json(ctx, 200, me(u.username(), u.role().wire(), started.session().csrf()));
                })
                .onFailure(err -> Replies.failed(ctx, err));
    }

    private void logout(RoutingContext ctx) {
        Session s = SecurityHandler.session(ctx);
        if (s == null) {
            Replies.noContent(ctx);
            return;
        }
        Cookie c = ctx.request().getCookie(Sessions.COOKIE);
        sessions.end(c == null ? null : c.getValue()).compose(v -> audit.record(ctx, "auth.logout", s.username(), new JsonObject()))
                .onSuccess(v -> {
            ctx.response().addCookie(cookie("", 0));
            Replies.noContent(ctx);
        }).onFailure(err -> Replies.failed(ctx, err));
    }

    private void password(RoutingContext ctx) {
        Principal p = SecurityHandler.principal(ctx);
        Session s = SecurityHandler.session(ctx);
        if (p.kind() != Principal.Kind.USER || s == null) {
            // the route is open to every reader; an API key simply has no password to change
            Replies.error(ctx, 400, "not-a-user", "Only a logged-in user has a password to change; an API key has none.");
            return;
        }
        JsonObject b = Replies.body(ctx);
        if (b == null) {
            return;
        }
        String current = b.getValue("current") instanceof String c ? c : "";
        String next = b.getValue("next") instanceof String n ? n : null;
        String problem = Passwords.problem(next);
        if (problem != null) {
            Replies.error(ctx, 400, "weak-password", problem);
            return;
        }
        users.find(p.name()).compose(u -> vertx.executeBlocking(() -> {
            if (u.isEmpty() || !Passwords.verify(current, u.get().passwordHash())) {
                throw new Replies.Refusal(403, "bad-credentials", "The current password is wrong.");
            }
            return u.get().withPasswordHash(Passwords.hash(next));
        }, false)).compose(users::update).compose(v -> sessions.endAll(p.name(), s))
                .compose(v -> audit.record(ctx, "auth.password", p.name(), new JsonObject())).onSuccess(v -> {
            Replies.noContent(ctx);
        }).onFailure(err -> Replies.failed(ctx, err));
    }

    private void me(RoutingContext ctx) {
        Principal p = SecurityHandler.principal(ctx);
        Session s = SecurityHandler.session(ctx);
        JsonObject out = me(p.name(), p.kind() == Principal.Kind.USER ? p.role().wire() : null, s == null ? null : s.csrf());
        if (p.kind() == Principal.Kind.KEY) {
            out.put("kind", "key").put("scopes", new io.vertx.core.json.JsonArray(p.scopes().stream().map(x -> x.wire()).sorted().toList()));
        }
        Replies.json(ctx, 200, out);
    }

    private static JsonObject me(String username, String role, String csrf) {
        return new JsonObject().put("username", username).put("role", role).put("csrf", csrf);
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(Sessions.COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(tls).setMaxAge(maxAgeSeconds);
    }

}
