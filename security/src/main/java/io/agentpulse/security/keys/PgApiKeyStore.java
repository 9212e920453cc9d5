package io.agentpulse.security.keys;

import static io.agentpulse.security.PgTimes.instant;
import static io.agentpulse.security.PgTimes.odt;

import io.agentpulse.security.Principal;
import io.agentpulse.security.Scope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** API keys in PostgreSQL (table {@code api_keys}); only the SHA-256 of each secret is stored. */
public final class PgApiKeyStore implements ApiKeyStore {
    private static final String COLS = "id, name, scopes, secret_hash, created_by, created_at, expires_at, revoked_at, last_used_at";
    private final Pool pool;
    private final Clock clock;

    public PgApiKeyStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Future<IssuedKey> create(NewKey key) {
        ApiKeys.Parsed parsed = key.token() != null ? ApiKeys.parse(key.token()) : ApiKeys.generate();
        KeyRecord rec = new KeyRecord(parsed.id(), key.name(), key.scopes(), ApiKeys.hash(parsed.secret()),
                key.createdBy(), clock.instant(), key.expiresAt(), null, null);
        String[] scopes = rec.scopes().stream().map(Scope::wire).sorted().toArray(String[]::new);
        return pool.preparedQuery("INSERT INTO api_keys (id, name, scopes, secret_hash, created_by, created_at, expires_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(rec.id(), rec.name(), scopes, rec.secretHash(), rec.createdBy(), odt(rec.createdAt()))
                        .addValue(odt(rec.expiresAt())))
                .compose(r -> r.rowCount() == 1 ? Future.succeededFuture(new IssuedKey(rec, parsed.token()))
                        : Future.failedFuture(new IllegalArgumentException("a key with id " + rec.id() + " exists")));
    }

    @Override
    public Future<Boolean> revoke(String id, Instant at) {
        return pool.preparedQuery("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1")
                .execute(Tuple.of(id, odt(at))).map(r -> r.rowCount() == 1);
    }

    @Override
    public Future<List<KeyRecord>> list() {
        return pool.query("SELECT " + COLS + " FROM api_keys ORDER BY created_at, id").execute().map(rows -> {
            List<KeyRecord> out = new ArrayList<>();
            rows.forEach(r -> out.add(record(r)));
            return out;
        });
    }

    @Override
    public Future<Void> touch(String id, Instant at) {
        return pool.preparedQuery("UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)")
                .execute(Tuple.of(id, odt(at))).mapEmpty();
    }

    @Override
    public Future<KeyCheck> verify(String token) {
        ApiKeys.Parsed p = ApiKeys.parse(token);
        if (p == null) {
            return Future.succeededFuture(KeyCheck.refused("malformed"));
        }
        return pool.preparedQuery("SELECT " + COLS + " FROM api_keys WHERE id = $1").execute(Tuple.of(p.id())).map(rows -> {
            KeyRecord r = rows.size() == 0 ? null : record(rows.iterator().next());
            if (r == null || !ApiKeys.sameHash(r.secretHash(), ApiKeys.hash(p.secret()))) {
                return KeyCheck.refused("unknown-key");
            }
            if (r.revokedAt() != null) {
                return KeyCheck.refused("revoked");
            }
            if (!r.activeAt(clock.instant())) {
                return KeyCheck.refused("expired");
            }
            return KeyCheck.ok(Principal.key(r.id(), r.scopes()));
        });
    }

    private static KeyRecord record(Row r) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : r.getArrayOfStrings("scopes")) {
            scopes.add(Scope.parse(s));
        }
        return new KeyRecord(r.getString("id"), r.getString("name"), scopes, r.getString("secret_hash"),
                r.getString("created_by"), instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("expires_at")),
                instant(r.getOffsetDateTime("revoked_at")), instant(r.getOffsetDateTime("last_used_at")));
    }
}
