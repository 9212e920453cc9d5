package io.agentpulse.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.Scope;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootstrapKeysTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore(clock);
    private final String token = ApiKeys.generate().token();

    @Test
    void adoptingTwiceCreatesOneKeyThatWorks() {
        assertThat(BootstrapKeys.adopt(store, token, Set.of(Scope.INGEST), "bootstrap", "system").result()).isTrue();
        assertThat(BootstrapKeys.adopt(store, token, Set.of(Scope.INGEST), "bootstrap", "system").result()).isFalse();
        assertThat(store.list().result()).hasSize(1);
        assertThat(store.verify(token).result().principal().has(Scope.INGEST)).isTrue();
    }

    @Test
    void aRevokedBootstrapKeyStaysRevokedAfterARestart() {
        BootstrapKeys.adopt(store, token, Set.of(Scope.INGEST), "bootstrap", "system");
        store.revoke(ApiKeys.parse(token).id(), clock.instant());
        assertThat(BootstrapKeys.adopt(store, token, Set.of(Scope.INGEST), "bootstrap", "system").result()).isFalse();
        assertThat(store.verify(token).result().reason()).isEqualTo("revoked");
    }

    @Test
    void aMalformedTokenOrAClashingIdFailsWithoutPrintingTheSecret() {
        var bad = BootstrapKeys.adopt(store, "apk_short", Set.of(Scope.INGEST), "bootstrap", "system");
        assertThat(bad.cause()).hasMessageContaining("does not look like");
        ApiKeys.Parsed p = ApiKeys.parse(token);
        String other = new ApiKeys.Parsed(p.id(), ApiKeys.generate().secret()).token();
        store.create(new NewKey("other", Set.of(Scope.READ), null, "admin", other));
        var clash = BootstrapKeys.adopt(store, token, Set.of(Scope.INGEST), "bootstrap", "system");
        assertThat(clash.failed()).isTrue();
        assertThat(clash.cause().getMessage()).contains(p.id()).doesNotContain(p.secret());
    }
}
