package io.agentpulse.security.users;

import static io.agentpulse.security.PgTimes.instant;
import static io.agentpulse.security.PgTimes.odt;

import io.agentpulse.security.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users in PostgreSQL (table {@code users}, migration V30__security.sql). */
public final class PgUserStore implements UserStore {
    private static final String COLS = "username, role, password_hash, disabled, created_at, last_login_at";
    private final Pool pool;

    public PgUserStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Optional<User>> find(String username) {
        return pool.preparedQuery("SELECT " + COLS + " FROM users WHERE username = $1").execute(Tuple.of(username))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(user(rows.iterator().next())));
    }

    @Override
    public Future<List<User>> list() {
        return pool.query("SELECT " + COLS + " FROM users ORDER BY username").execute()
                .map(rows -> { List<User> out = new java.util.ArrayList<>(); rows.forEach(r -> out.add(user(r))); return out; });
    }

    @Override
    public Future<Boolean> create(User u) {
        return pool.preparedQuery("INSERT INTO users (" + COLS + ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(u.username(), u.role().wire(), u.passwordHash(), u.disabled(), odt(u.createdAt()),
                        odt(u.lastLoginAt())))
                .map(r -> r.rowCount() == 1);
    }

    @Override
    public Future<Boolean> update(User u) {
        return pool.preparedQuery("UPDATE users SET role = $2, password_hash = $3, disabled = $4 WHERE username = $1")
                .execute(Tuple.of(u.username(), u.role().wire(), u.passwordHash(), u.disabled()))
                .map(r -> r.rowCount() == 1);
    }

    @Override
    public Future<Boolean> delete(String username) {
        return pool.preparedQuery("DELETE FROM users WHERE username = $1").execute(Tuple.of(username))
                .map(r -> r.rowCount() == 1);
    }

    @Override
    public Future<Void> recordLogin(String username, Instant at) {
        return pool.preparedQuery("UPDATE users SET last_login_at = $2 WHERE username = $1")
                .execute(Tuple.of(username, odt(at))).mapEmpty();
    }

    @Override
    public Future<Long> count() {
        return pool.query("SELECT count(*) FROM users").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static User user(Row r) {
        return new User(r.getString("username"), Role.parse(r.getString("role")), r.getString("password_hash"),
                r.getBoolean("disabled"), instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("last_login_at")));
    }
}
