package io.agentpulse.security.keys;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link KeyVerifier} that remembers each answer of its delegate (usually the key store) for {@code ttl}, so
 * a client sending many requests with one key costs one store lookup per TTL, not one per request. The TTL is
 * the contract's bound on how long a revoked key keeps working (AGENTPULSE_KEY_CACHE_SECONDS, default 2 s).
 *
 * <p>Entries are keyed by the SHA-256 of the whole token, so the cache never holds a secret. Refusals are
 * cached too (a flood of one bad token costs one lookup per TTL); a failed lookup (store down) is not, so the
 * next request asks again. Concurrent requests with the same token share one pending lookup. At most
 * {@code maxEntries} tokens are remembered: past that, expired entries are dropped, and if none are, the whole
 * cache is (a flood of random tokens then costs lookups, never memory). At most {@code maxPending} lookups
 * wait for the store at once; more are failed at once (the caller answers 503), so a flood of random tokens
 * cannot queue unbounded work on the database, while keys already remembered keep working.
 */
public final class CachingKeyVerifier implements KeyVerifier {
    /** Default bound on how long a revoked key keeps working. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(2);
    /** Default number of remembered tokens; one entry is about 200 bytes. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** Default bound on store lookups in flight (a database pool answers a few per millisecond). */
    public static final int DEFAULT_MAX_PENDING = 256;

    private record Entry(Future<KeyCheck> check, Instant expires) {}

    private final KeyVerifier delegate;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public CachingKeyVerifier(KeyVerifier delegate, Clock clock, Duration ttl, int maxEntries, int maxPending) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the key cache lifetime must not be negative, not " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the key cache must hold at least one entry, not " + maxEntries);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("at least one key lookup must be allowed in flight, not " + maxPending);
        }
        this.delegate = delegate;
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.maxPending = maxPending;
    }

    public CachingKeyVerifier(KeyVerifier delegate, Clock clock, Duration ttl) {
        this(delegate, clock, ttl, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_PENDING);
    }

    @Override
    public Future<KeyCheck> verify(String token) {
        if (ApiKeys.parse(token) == null) {
            return Future.succeededFuture(KeyCheck.refused("malformed")); // no lookup, nothing to remember
        }
        Instant now = clock.instant();
        String key = ApiKeys.hash(token);
        Entry hit = cache.get(key);
        if (hit != null && now.isBefore(hit.expires())) {
            return hit.check();
        }
        if (cache.size() >= maxEntries) {
            evict(now);
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return Future.failedFuture(new IllegalStateException("more than " + maxPending
                    + " API key lookups are waiting for the key store"));
        }
        Future<KeyCheck> check = delegate.verify(token).andThen(ar -> pending.decrementAndGet());
        Entry entry = new Entry(check, now.plus(ttl));
        cache.put(key, entry);
        // A failure (store unreachable) must not stick for a whole TTL; remove only our own entry.
        check.onFailure(e -> cache.remove(key, entry));
        return check;
    }

    /** Forgets every remembered answer (an admin revoked a key on this instance and wants it to apply now). */
    public void clear() {
        cache.clear();
    }

    int size() {
        return cache.size();
    }

    private void evict(Instant now) {
        cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().expires()));
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
    }
}
