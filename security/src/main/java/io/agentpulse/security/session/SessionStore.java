package io.agentpulse.security.session;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** Where sessions live (PostgreSQL, so any query API instance can serve any client; memory in tests). */
public interface SessionStore {
    Future<Void> create(Session s);

    Future<Optional<Session>> find(String idHash);

    /** Moves the idle clock; callers write at most once a minute per session. */
    Future<Void> touch(String idHash, Instant at);

    Future<Void> delete(String idHash);

    /**
     * Ends every session of a user (password change, disable, delete, role change) except the one whose
     * hash is {@code keepIdHash} (null: all of them).
     */
    Future<Void> deleteUser(String username, String keepIdHash);

    /** Drops sessions idle since before {@code idleBefore} or created before {@code createdBefore}. */
    Future<Void> purge(Instant idleBefore, Instant createdBefore);
}
