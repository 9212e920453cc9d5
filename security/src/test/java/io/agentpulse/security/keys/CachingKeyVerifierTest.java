package io.agentpulse.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.Scope;
import io.agentpulse.security.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CachingKeyVerifierTest {
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemoryApiKeyStore store = new InMemoryApiKeyStore(clock);
    final CachingKeyVerifier verifier = new CachingKeyVerifier(store, clock, Duration.ofSeconds(2), Duration.ofSeconds(5));

    @Test
    void aRevokedKeyStopsWorkingWithinTheCacheLifetime() {
        String token = store.create(new NewKey("k", Set.of(Scope.READ), null, "admin", null)).result().token();
        assertThat(verifier.verify(token).result().ok()).isTrue();
        store.revoke(ApiKeys.parse(token).id(), clock.instant());
        clock.advance(Duration.ofMillis(1_999));
        assertThat(verifier.verify(token).result().ok()).as("still cached").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(verifier.verify(token).result().reason()).isEqualTo("revoked");
    }

    @Test
    void anExpiredKeyStopsWorkingWithinTheCacheLifetime() {
        String token = store.create(new NewKey("k", Set.of(Scope.READ), clock.instant().plusSeconds(10), "admin", null))
                .result().token();
        assertThat(verifier.verify(token).result().ok()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(verifier.verify(token).result().reason()).isEqualTo("expired");
    }

    @Test
    void lastUseIsWrittenAtMostOncePerKeyPerInterval() {
        String token = store.create(new NewKey("k", Set.of(Scope.READ), null, "admin", null)).result().token();
        Instant first = clock.instant();
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(3));
        verifier.verify(token);
        assertThat(store.list().result().get(0).lastUsedAt()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(2));
        verifier.verify(token);
        assertThat(store.list().result().get(0).lastUsedAt()).isEqualTo(first.plusSeconds(5));
    }

    @Test
    void badTokensAreRefusedWithTheirReason() {
        assertThat(verifier.verify("apk_short").result().reason()).isEqualTo("malformed");
        assertThat(verifier.verify(ApiKeys.generate().token()).result().reason()).isEqualTo("unknown-key");
    }
}
