package io.agentpulse.query.auth;

import io.agentpulse.query.export.Csv;
import io.agentpulse.security.Scope;
import io.agentpulse.security.audit.AuditEntry;
import io.agentpulse.security.audit.AuditQuery;
import io.agentpulse.security.audit.AuditStore;
import io.agentpulse.security.http.SecurityHandler;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.KeyRecord;
import io.agentpulse.security.keys.NewKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** The admin API's keys and audit routes (docs/SECURITY.md); users are in {@link UserAdminRoutes}. */
final class AdminRoutes {
    private final ApiKeyStore keys;
    private final AuditStore auditStore;
    private final Auditor audit;
    private final Clock clock;

    AdminRoutes(ApiKeyStore keys, AuditStore auditStore, Auditor audit, Clock clock) {
        this.keys = keys;
        this.auditStore = auditStore;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/v1/admin/keys").handler(ctx -> keys.list().onSuccess(list -> {
            JsonArray out = new JsonArray();
            list.forEach(k -> out.add(json(k)));
            Replies.json(ctx, 200, out.encode());
        }).onFailure(err -> Replies.failed(ctx, err)));
        router.post("/api/v1/admin/keys").handler(BodyHandler.create().setBodyLimit(AuthRoutes.BODY_LIMIT)).handler(this::createKey);
        router.delete("/api/v1/admin/keys/:id").handler(this::revoke);
        router.get("/api/v1/admin/audit").handler(this::audit);
    }

    private void createKey(RoutingContext ctx) {
        JsonObject b = Replies.body(ctx);
        if (b == null) {
            return;
        }
        NewKey key;
        try {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            JsonArray raw = b.getJsonArray("scopes", new JsonArray());
            for (Object s : raw) {
                scopes.add(Scope.parse(String.valueOf(s)));
            }
            Instant expires = b.getValue("expiresAt") == null ? null : Times.parse("expiresAt", String.valueOf(b.getValue("expiresAt")));
            key = new NewKey(b.getString("name"), scopes, expires, SecurityHandler.principal(ctx).name(), null);
        } catch (RuntimeException e) {
            Replies.error(ctx, 400, "bad-request", e.getMessage());
            return;
        }
        keys.create(key).compose(issued -> audit.record(ctx, "key.create", issued.record().id(), new JsonObject()
                        .put("name", key.name()).put("scopes", scopes(issued.record()))).map(issued))
                .onSuccess(issued -> Replies.json(ctx, 201, json(issued.record()).put("token", issued.token()))).onFailure(err -> Replies.failed(ctx, err));
    }

    private void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        keys.revoke(id, clock.instant()).compose(found -> {
            if (!found) {
                throw new Replies.Refusal(404, "not-found", "No key has the id " + id + ".");
            }
            return audit.record(ctx, "key.revoke", id, new JsonObject());
        }).onSuccess(v -> Replies.noContent(ctx)).onFailure(err -> Replies.failed(ctx, err));
    }

    private void audit(RoutingContext ctx) {
        AuditQuery q;
        try {
            q = new AuditQuery(Times.param(ctx, "from"), Times.param(ctx, "to"), ctx.request().getParam("actor"),
                    ctx.request().getParam("action"), Integer.parseInt(ctx.request().getParam("limit", "100")));
        } catch (RuntimeException e) {
            Replies.error(ctx, 400, "bad-request", "The audit filters are from, to (epoch ms or ISO-8601), actor, action "
                    + "and limit (1 to " + AuditQuery.MAX_LIMIT + "): " + e.getMessage());
            return;
        }
        auditStore.query(q).onSuccess(rows -> {
            JsonArray arr = new JsonArray();
            rows.forEach(r -> arr.add(row(r)));
            JsonObject out = new JsonObject().put("rows", arr);
            if (Csv.wanted(ctx)) {
                // the export itself is audited by QuerySecurity's CSV hook, like every CSV download
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"audit.csv\"").end(Csv.render(out, "rows"));
            } else {
                Replies.json(ctx, 200, out);
            }
        }).onFailure(err -> Replies.failed(ctx, err));
    }

    /** detail flattened to its JSON text, so the CSV has one column for it. */
    private static JsonObject row(AuditEntry e) {
        JsonObject o = e.toJson();
        return o.put("detail", e.detail().encode());
    }

    static JsonObject json(KeyRecord k) {
        return new JsonObject().put("id", k.id()).put("name", k.name()).put("scopes", scopes(k)).put("createdBy", k.createdBy())
                .put("createdAt", Times.text(k.createdAt())).put("expiresAt", Times.text(k.expiresAt()))
                .put("revokedAt", Times.text(k.revokedAt())).put("lastUsedAt", Times.text(k.lastUsedAt()));
    }

    private static JsonArray scopes(KeyRecord k) {
        return new JsonArray(k.scopes().stream().map(Scope::wire).sorted().toList());
    }
}
