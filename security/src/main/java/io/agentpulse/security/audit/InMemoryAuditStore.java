package io.agentpulse.security.audit;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The audit log for tests and the no-database mode; same behaviour as {@link PgAuditStore}. */
public final class InMemoryAuditStore implements AuditStore {
    private final List<AuditEntry> rows = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Future<AuditEntry> append(AuditEntry entry) {
        AuditEntry e = entry.withId(ids.incrementAndGet());
        rows.add(e);
        return Future.succeededFuture(e);
    }

    @Override
    public Future<List<AuditEntry>> query(AuditQuery q) {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0 && out.size() < q.limit(); i--) {
            if (q.matches(rows.get(i))) {
                out.add(rows.get(i));
            }
        }
        return Future.succeededFuture(out);
    }
}
