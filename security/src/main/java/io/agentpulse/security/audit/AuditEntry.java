package io.agentpulse.security.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One audit row. {@code id} is assigned by the store (0 before). {@code actorKind} is user, key or anonymous;
 * {@code outcome} is ok or denied; {@code detail} is a small JSON object, never a secret.
 */
public record AuditEntry(long id, Instant at, String actor, String actorKind, String action, String target,
                         String outcome, String ip, JsonObject detail) {
    public AuditEntry {
        detail = detail == null ? new JsonObject() : detail;
    }

    public AuditEntry withId(long newId) {
        return new AuditEntry(newId, at, actor, actorKind, action, target, outcome, ip, detail);
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("at", at.toString()).put("actor", actor).put("actorKind", actorKind)
                .put("action", action).put("target", target).put("outcome", outcome).put("ip", ip).put("detail", detail);
    }
}
