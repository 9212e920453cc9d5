package io.agentpulse.security.users;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where users live (PostgreSQL in production, memory in tests). */
public interface UserStore {
    Future<Optional<User>> find(String username);

    /** Sorted by username. */
    Future<List<User>> list();

    /** False when the username is taken. */
    Future<Boolean> create(User user);

    /** Replaces role, password hash and disabled flag; false when there is no such user. */
    Future<Boolean> update(User user);

    /** False when there is no such user. */
    Future<Boolean> delete(String username);

    Future<Void> recordLogin(String username, Instant at);

    Future<Long> count();
}
