package io.agentpulse.security.audit;

import io.vertx.core.Future;
import java.util.List;

/** The append-only audit log (PostgreSQL's audit_log refuses UPDATE, DELETE and TRUNCATE). */
public interface AuditStore {
    /** Appends one row; the answer carries the assigned id. */
    Future<AuditEntry> append(AuditEntry entry);

    /** Newest first. */
    Future<List<AuditEntry>> query(AuditQuery q);
}
