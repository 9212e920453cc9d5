package io.agentpulse.query.auth;

import io.agentpulse.query.auth.Replies.Refusal;
import io.agentpulse.security.Role;
import io.agentpulse.security.session.Sessions;
import io.agentpulse.security.users.Passwords;
import io.agentpulse.security.users.User;
import io.agentpulse.security.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;

/**
 * GET/POST /api/v1/admin/users, PATCH/DELETE /api/v1/admin/users/:username. The last enabled admin cannot be
 * demoted, disabled or deleted (409), so the system is never left without someone who can manage it.
 * A change of role, password or disabled flag ends the user's sessions (they log in again with the new state).
 */
final class UserAdminRoutes {
    private final Vertx vertx;
    private final UserStore users;
    private final Sessions sessions;
    private final Auditor audit;
    private final Clock clock;

    UserAdminRoutes(Vertx vertx, UserStore users, Sessions sessions, Auditor audit, Clock clock) {
        this.vertx = vertx;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(AuthRoutes.BODY_LIMIT);
        router.get("/api/v1/admin/users").handler(ctx -> users.list().onSuccess(list -> {
            JsonArray out = new JsonArray();
            list.forEach(u -> out.add(json(u)));
            Replies.json(ctx, 200, out.encode());
        }).onFailure(err -> Replies.failed(ctx, err)));
        router.post("/api/v1/admin/users").handler(body).handler(this::create);
        router.patch("/api/v1/admin/users/:username").handler(body).handler(this::update);
        router.delete("/api/v1/admin/users/:username").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        JsonObject b = Replies.body(ctx);
        if (b == null) {
            return;
        }
        String username = b.getValue("username") instanceof String s ? s : null;
        String password = b.getValue("password") instanceof String s ? s : null;
        Role role;
        try {
            role = Role.parse(String.valueOf(b.getValue("role")));
            if (username == null || !User.NAME.matcher(username).matches()) {
                throw new IllegalArgumentException("A username must be 1 to 64 letters, digits, dots, dashes or underscores.");
            }
            String problem = Passwords.problem(password);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, "bad-request", e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> new User(username, role, Passwords.hash(password), false, clock.instant(), null), false)
                .compose(u -> users.create(u).map(created -> {
                    if (!created) {
                        throw new Refusal(409, "conflict", "A user named " + username + " exists.");
                    }
                    return u;
                }))
                .compose(u -> audit.record(ctx, "user.create", username, new JsonObject().put("role", role.wire())).map(u))
                .onSuccess(u -> Replies.json(ctx, 201, json(u))).onFailure(err -> Replies.failed(ctx, err));
    }

    private void update(RoutingContext ctx) {
        JsonObject b = Replies.body(ctx);
        if (b == null) {
            return;
        }
        String username = ctx.pathParam("username");
        Role role;
        String password = b.getValue("password") instanceof String s ? s : null;
        try {
            role = b.containsKey("role") ? Role.parse(String.valueOf(b.getValue("role"))) : null;
            if (b.containsKey("password") && Passwords.problem(password) != null) {
                throw new IllegalArgumentException(Passwords.problem(password));
            }
            if (b.containsKey("disabled") && !(b.getValue("disabled") instanceof Boolean)) {
                throw new IllegalArgumentException("disabled must be true or false.");
            }
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, "bad-request", e.getMessage());
            return;
        }
        Boolean disabled = b.getBoolean("disabled");
        users.find(username).compose(found -> {
            User old = found.orElseThrow(() -> new Refusal(404, "not-found", "No user is named " + username + "."));
            User next = old.withRole(role == null ? old.role() : role).withDisabled(disabled == null ? old.disabled() : disabled);
            return lastAdminGuard(old, next).compose(v -> password == null ? Future.succeededFuture(next)
                    : vertx.executeBlocking(() -> next.withPasswordHash(Passwords.hash(password)), false));
        }).compose(next -> users.update(next).compose(v -> sessions.endAll(username, null)).map(next)).compose(u -> {
            JsonObject changed = new JsonObject();
            b.fieldNames().stream().filter(f -> List.of("role", "disabled", "password").contains(f)).sorted()
                    .forEach(f -> changed.put(f, f.equals("password") ? "changed" : b.getValue(f)));
            return audit.record(ctx, "user.update", username, changed).map(u);
        }).onSuccess(u -> Replies.json(ctx, 200, json(u))).onFailure(err -> Replies.failed(ctx, err));
    }

    private void delete(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        users.find(username).compose(found -> {
            User old = found.orElseThrow(() -> new Refusal(404, "not-found", "No user is named " + username + "."));
            return lastAdminGuard(old, null);
        }).compose(v -> sessions.endAll(username, null)).compose(v -> users.delete(username))
                .compose(v -> audit.record(ctx, "user.delete", username, new JsonObject()))
                .onSuccess(v -> Replies.noContent(ctx)).onFailure(err -> Replies.failed(ctx, err));
    }

    /** Fails with 409 when {@code old} is the only enabled admin and {@code next} (null = deleted) is not one. */
    private Future<Void> lastAdminGuard(User old, User next) {
        boolean wasAdmin = old.role() == Role.ADMIN && !old.disabled();
        boolean staysAdmin = next != null && next.role() == Role.ADMIN && !next.disabled();
        if (!wasAdmin || staysAdmin) {
            return Future.succeededFuture();
        }
        return users.list().map(all -> {
            long admins = all.stream().filter(u -> u.role() == Role.ADMIN && !u.disabled()).count();
            if (admins <= 1) {
                throw new Refusal(409, "last-admin", "The last enabled admin cannot be demoted, disabled or deleted.");
            }
            return null;
        });
    }

    static JsonObject json(User u) {
        return new JsonObject().put("username", u.username()).put("role", u.role().wire()).put("disabled", u.disabled())
                .put("createdAt", Times.text(u.createdAt())).put("lastLoginAt", Times.text(u.lastLoginAt()));
    }
}
