package io.agentpulse.security.audit;

import static io.agentpulse.security.PgTimes.instant;
import static io.agentpulse.security.PgTimes.odt;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The audit log in PostgreSQL (table audit_log: INSERT and SELECT only, see V30__security.sql). */
public final class PgAuditStore implements AuditStore {
    private final Pool pool;

    public PgAuditStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<AuditEntry> append(AuditEntry e) {
        return pool.preparedQuery("INSERT INTO audit_log (at, actor, actor_kind, action, target, outcome, ip, detail) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                .execute(Tuple.of(odt(e.at()), e.actor(), e.actorKind(), e.action(), e.target(), e.outcome())
                        .addValue(e.ip()).addValue(e.detail()))
                .map(rows -> e.withId(rows.iterator().next().getLong(0)));
    }

    @Override
    public Future<List<AuditEntry>> query(AuditQuery q) {
        String sql = "SELECT id, at, actor, actor_kind, action, target, outcome, ip, detail FROM audit_log "
                + "WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) "
                + "AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR action = $4) ORDER BY id DESC LIMIT $5";
        return pool.preparedQuery(sql).execute(Tuple.of(odt(q.from()), odt(q.to()), q.actor(), q.action(), q.limit()))
                .map(rows -> {
                    List<AuditEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(entry(r)));
                    return out;
                });
    }

    private static AuditEntry entry(Row r) {
        Object d = r.getValue("detail");
        return new AuditEntry(r.getLong("id"), instant(r.getOffsetDateTime("at")), r.getString("actor"),
                r.getString("actor_kind"), r.getString("action"), r.getString("target"), r.getString("outcome"),
                r.getString("ip"), d instanceof JsonObject o ? o : new JsonObject());
    }
}
