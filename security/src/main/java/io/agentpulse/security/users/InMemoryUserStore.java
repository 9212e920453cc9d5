package io.agentpulse.security.users;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The user store for tests and the no-database mode; same behaviour as {@link PgUserStore}. */
public final class InMemoryUserStore implements UserStore {
    private final Map<String, User> users = new ConcurrentHashMap<>();

    @Override
    public Future<Optional<User>> find(String username) {
        return Future.succeededFuture(Optional.ofNullable(username == null ? null : users.get(username)));
    }

    @Override
    public Future<List<User>> list() {
        List<User> all = new ArrayList<>(users.values());
        all.sort(Comparator.comparing(User::username));
        return Future.succeededFuture(all);
    }

    @Override
    public Future<Boolean> create(User user) {
        return Future.succeededFuture(users.putIfAbsent(user.username(), user) == null);
    }

    @Override
    public Future<Boolean> update(User user) {
        User r = users.computeIfPresent(user.username(), (k, v) -> new User(k, user.role(), user.passwordHash(),
                user.disabled(), v.createdAt(), v.lastLoginAt()));
        return Future.succeededFuture(r != null);
    }

    @Override
    public Future<Boolean> delete(String username) {
        return Future.succeededFuture(users.remove(username) != null);
    }

    @Override
    public Future<Void> recordLogin(String username, Instant at) {
        users.computeIfPresent(username, (k, v) -> new User(k, v.role(), v.passwordHash(), v.disabled(), v.createdAt(), at));
        return Future.succeededFuture();
    }

    @Override
    public Future<Long> count() {
        return Future.succeededFuture((long) users.size());
    }
}
