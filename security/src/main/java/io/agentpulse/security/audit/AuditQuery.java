package io.agentpulse.security.audit;

import java.time.Instant;

/** Filters of GET /api/v1/admin/audit; null means any. Newest first, at most {@code limit} rows (1..10,000). */
public record AuditQuery(Instant from, Instant to, String actor, String action, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    boolean matches(AuditEntry e) {
        return (from == null || !e.at().isBefore(from)) && (to == null || e.at().isBefore(to))
                && (actor == null || actor.equals(e.actor())) && (action == null || action.equals(e.action()));
    }
}
