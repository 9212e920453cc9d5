package io.agentpulse.security.session;

import static io.agentpulse.security.PgTimes.instant;
import static io.agentpulse.security.PgTimes.odt;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;

/** Sessions in PostgreSQL (table {@code sessions}, keyed by the SHA-256 of the cookie value). */
public final class PgSessionStore implements SessionStore {
    private final Pool pool;

    public PgSessionStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> create(Session s) {
        return pool.preparedQuery("INSERT INTO sessions (id_hash, username, csrf, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(s.idHash(), s.username(), s.csrf(), odt(s.createdAt()), odt(s.lastSeenAt()))).mapEmpty();
    }

    @Override
    public Future<Optional<Session>> find(String idHash) {
        return pool.preparedQuery("SELECT id_hash, username, csrf, created_at, last_seen_at FROM sessions WHERE id_hash = $1")
                .execute(Tuple.of(idHash))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(session(rows.iterator().next())));
    }

    @Override
    public Future<Void> touch(String idHash, Instant at) {
        return pool.preparedQuery("UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2")
                .execute(Tuple.of(idHash, odt(at))).mapEmpty();
    }

    @Override
    public Future<Void> delete(String idHash) {
        return pool.preparedQuery("DELETE FROM sessions WHERE id_hash = $1").execute(Tuple.of(idHash)).mapEmpty();
    }

    @Override
    public Future<Void> deleteUser(String username, String keepIdHash) {
        return pool.preparedQuery("DELETE FROM sessions WHERE username = $1 AND id_hash IS DISTINCT FROM $2")
                .execute(Tuple.of(username, keepIdHash)).mapEmpty();
    }

    @Override
    public Future<Void> purge(Instant idleBefore, Instant createdBefore) {
        return pool.preparedQuery("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
                .execute(Tuple.of(odt(idleBefore), odt(createdBefore))).mapEmpty();
    }

    private static Session session(Row r) {
        return new Session(r.getString("id_hash"), r.getString("username"), r.getString("csrf"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("last_seen_at")));
    }
}
