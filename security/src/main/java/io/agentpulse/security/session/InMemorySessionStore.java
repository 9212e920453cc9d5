package io.agentpulse.security.session;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The session store for tests and the no-database mode; same behaviour as {@link PgSessionStore}. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Future<Void> create(Session s) {
        sessions.put(s.idHash(), s);
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Session>> find(String idHash) {
        return Future.succeededFuture(Optional.ofNullable(idHash == null ? null : sessions.get(idHash)));
    }

    @Override
    public Future<Void> touch(String idHash, Instant at) {
        sessions.computeIfPresent(idHash, (k, s) -> new Session(k, s.username(), s.csrf(), s.createdAt(), at));
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> delete(String idHash) {
        sessions.remove(idHash);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> deleteUser(String username, String keepIdHash) {
        sessions.values().removeIf(s -> s.username().equals(username) && !s.idHash().equals(keepIdHash));
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> purge(Instant idleBefore, Instant createdBefore) {
        sessions.values().removeIf(s -> s.lastSeenAt().isBefore(idleBefore) || s.createdAt().isBefore(createdBefore));
        return Future.succeededFuture();
    }
}
