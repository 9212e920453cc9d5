package io.agentpulse.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.Scope;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingKeyVerifierTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore(clock);
    private final AtomicInteger lookups = new AtomicInteger();
    private final KeyVerifier counting = token -> {
        lookups.incrementAndGet();
        return store.verify(token);
    };
    private final CachingKeyVerifier cached = new CachingKeyVerifier(counting, clock, TTL);

    private String key(Instant expiresAt) {
        return store.create(new NewKey("k", Set.of(Scope.INGEST), expiresAt, "test", null)).result().token();
    }

    @Test
    void oneLookupPerTokenPerLifetime() {
        String token = key(null);
        for (int i = 0; i < 100; i++) {
            assertThat(cached.verify(token).result().ok()).isTrue();
        }
        assertThat(lookups).hasValue(1);
        clock.advance(TTL);
        assertThat(cached.verify(token).result().ok()).isTrue();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aRevokedKeyStopsWorkingWithinTheLifetime() {
        String token = key(null);
        assertThat(cached.verify(token).result().ok()).isTrue();
        store.revoke(ApiKeys.parse(token).id(), clock.instant());
        clock.advance(TTL.minusMillis(1));
        assertThat(cached.verify(token).result().ok()).as("still cached").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(cached.verify(token).result().reason()).isEqualTo("revoked");
    }

    @Test
    void anExpiredKeyStopsWorkingWithinTheLifetimeOfItsExpiry() {
        String token = key(T0.plusSeconds(10));
        assertThat(cached.verify(token).result().ok()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        clock.advance(TTL);
        assertThat(cached.verify(token).result().reason()).isEqualTo("expired");
    }

    @Test
    void malformedTokensNeverReachTheStoreAndRefusalsAreCached() {
        assertThat(cached.verify("apk_nope").result().reason()).isEqualTo("malformed");
        assertThat(cached.verify(null).result().reason()).isEqualTo("malformed");
        assertThat(lookups).hasValue(0);
        String unknown = ApiKeys.generate().token();
        assertThat(cached.verify(unknown).result().reason()).isEqualTo("unknown-key");
        assertThat(cached.verify(unknown).result().reason()).isEqualTo("unknown-key");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aFailedLookupIsNotRememberedAndConcurrentLookupsAreShared() {
        Promise<KeyCheck> pending = Promise.promise();
        AtomicInteger calls = new AtomicInteger();
        CachingKeyVerifier c = new CachingKeyVerifier(t -> {
            calls.incrementAndGet();
            return calls.get() == 1 ? pending.future() : Future.succeededFuture(KeyCheck.refused("unknown-key"));
        }, clock, TTL);
        String token = ApiKeys.generate().token();
        Future<KeyCheck> a = c.verify(token);
        Future<KeyCheck> b = c.verify(token);
        assertThat(calls).hasValue(1);
        pending.fail("store down");
        assertThat(a.failed()).isTrue();
        assertThat(b.failed()).isTrue();
        assertThat(c.verify(token).result().reason()).isEqualTo("unknown-key");
        assertThat(calls).hasValue(2);
    }

    @Test
    void theCacheIsBoundedAndNeverHoldsTheToken() {
        CachingKeyVerifier small = new CachingKeyVerifier(counting, clock, TTL, 3, 10);
        for (int i = 0; i < 10; i++) {
            small.verify(ApiKeys.generate().token());
            assertThat(small.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void lookupsWaitingForTheStoreAreBoundedAndRememberedKeysKeepWorking() {
        String known = key(null);
        Promise<KeyCheck> slow = Promise.promise();
        KeyVerifier store2 = t -> t.equals(known) ? store.verify(t) : slow.future();
        CachingKeyVerifier c = new CachingKeyVerifier(store2, clock, TTL, 100, 2);
        assertThat(c.verify(known).result().ok()).isTrue();
        Future<KeyCheck> a = c.verify(ApiKeys.generate().token());
        Future<KeyCheck> b = c.verify(ApiKeys.generate().token());
        Future<KeyCheck> refused = c.verify(ApiKeys.generate().token());
        assertThat(refused.failed()).isTrue();
        assertThat(refused.cause()).hasMessageContaining("more than 2");
        assertThat(c.verify(known).result().ok()).as("cached, no lookup").isTrue();
        slow.complete(KeyCheck.refused("unknown-key"));
        assertThat(a.result().reason()).isEqualTo("unknown-key");
        assertThat(b.result().reason()).isEqualTo("unknown-key");
        assertThat(c.verify(ApiKeys.generate().token()).succeeded()).as("room again").isTrue();
    }
}
