package io.agentpulse.security.keys;

import io.agentpulse.security.Principal;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The API key store for tests and the no-database mode; same behaviour as the PostgreSQL one. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, KeyRecord> keys = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryApiKeyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Future<IssuedKey> create(NewKey key) {
        ApiKeys.Parsed parsed = key.token() != null ? ApiKeys.parse(key.token()) : ApiKeys.generate();
        KeyRecord rec = new KeyRecord(parsed.id(), key.name(), key.scopes(), ApiKeys.hash(parsed.secret()),
                key.createdBy(), clock.instant(), key.expiresAt(), null, null);
        if (keys.putIfAbsent(parsed.id(), rec) != null) {
            return Future.failedFuture(new IllegalArgumentException("a key with id " + parsed.id() + " exists"));
        }
        return Future.succeededFuture(new IssuedKey(rec, parsed.token()));
    }

    @Override
    public Future<Boolean> revoke(String id, java.time.Instant at) {
        KeyRecord r = keys.computeIfPresent(id, (k, v) -> v.revokedAt() != null ? v : new KeyRecord(v.id(), v.name(),
                v.scopes(), v.secretHash(), v.createdBy(), v.createdAt(), v.expiresAt(), at, v.lastUsedAt()));
        return Future.succeededFuture(r != null);
    }

    @Override
    public Future<List<KeyRecord>> list() {
        List<KeyRecord> all = new ArrayList<>(keys.values());
        all.sort(Comparator.comparing(KeyRecord::createdAt).thenComparing(KeyRecord::id));
        return Future.succeededFuture(all);
    }

    @Override
    public Future<Void> touch(String id, java.time.Instant at) {
        keys.computeIfPresent(id, (k, v) -> new KeyRecord(v.id(), v.name(), v.scopes(), v.secretHash(), v.createdBy(),
                v.createdAt(), v.expiresAt(), v.revokedAt(), at));
        return Future.succeededFuture();
    }

    @Override
    public Future<KeyCheck> verify(String token) {
        ApiKeys.Parsed p = ApiKeys.parse(token);
        if (p == null) {
            return Future.succeededFuture(KeyCheck.refused("malformed"));
        }
        KeyRecord r = keys.get(p.id());
        if (r == null || !ApiKeys.sameHash(r.secretHash(), ApiKeys.hash(p.secret()))) {
            return Future.succeededFuture(KeyCheck.refused("unknown-key"));
        }
        if (r.revokedAt() != null) {
            return Future.succeededFuture(KeyCheck.refused("revoked"));
        }
        if (!r.activeAt(clock.instant())) {
            return Future.succeededFuture(KeyCheck.refused("expired"));
        }
        return Future.succeededFuture(KeyCheck.ok(Principal.key(r.id(), r.scopes())));
    }
}
