package io.agentpulse.security.keys;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches a store's answers for {@code ttl} (AGENTPULSE_KEY_CACHE_SECONDS, default 2 s), so a busy client
 * costs one query per key every ttl, and a revoked or expired key stops working at most ttl after the change.
 * Entries are keyed by the SHA-256 of the token (never the token). Refusals are cached too (a flood of bad
 * tokens then costs no queries), bounded by {@link #MAX_ENTRIES}. Successful uses are written as last-used
 * at most once per key per {@code touchEvery}.
 */
public final class CachingKeyVerifier implements KeyVerifier {
    static final int MAX_ENTRIES = 10_000;

    private final ApiKeyStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Duration touchEvery;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    private record Entry(KeyCheck check, Instant until) {}

    public CachingKeyVerifier(ApiKeyStore store, Clock clock, Duration ttl, Duration touchEvery) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.touchEvery = touchEvery;
    }

    @Override
    public Future<KeyCheck> verify(String token) {
        if (ApiKeys.parse(token) == null) {
            return Future.succeededFuture(KeyCheck.refused("malformed"));
        }
        String k = ApiKeys.hash(token);
        Instant now = clock.instant();
        Entry e = cache.get(k);
        if (e != null && now.isBefore(e.until())) {
            return Future.succeededFuture(used(e.check(), now));
        }
        return store.verify(token).map(check -> {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(k, new Entry(check, now.plus(ttl)));
            return used(check, now);
        });
    }

    private KeyCheck used(KeyCheck check, Instant now) {
        if (check.ok()) {
            String id = check.principal().name();
            Instant last = touched.get(id);
            if (last == null || !now.isBefore(last.plus(touchEvery))) {
                touched.put(id, now);
                // best effort: a lost last-used write must not fail the request
                store.touch(id, now).onFailure(err -> touched.remove(id));
            }
        }
        return check;
    }
}
