package io.agentpulse.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void generatedTokensParseBackAndNeverPrintTheSecret() {
        ApiKeys.Parsed k = ApiKeys.generate();
        assertThat(ApiKeys.parse(k.token())).isEqualTo(k);
        assertThat(k.toString()).doesNotContain(k.secret());
        assertThat(ApiKeys.parse("Bearer " + k.token())).isNull();
        assertThat(ApiKeys.parse(k.token() + "x")).isNull();
        assertThat(ApiKeys.parse(null)).isNull();
    }

    @Test
    void inMemoryStoreRefusesRevokedAndExpiredKeys() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Clock clock = Clock.fixed(t0, ZoneOffset.UTC);
        InMemoryApiKeyStore store = new InMemoryApiKeyStore(clock);
        String live = store.create(new NewKey("a", Set.of(Scope.INGEST), null, "admin", null)).result().token();
        String old = store.create(new NewKey("b", Set.of(Scope.READ), t0, "admin", null)).result().token();
        assertThat(store.verify(live).result().principal().has(Scope.INGEST)).isTrue();
        assertThat(store.verify(old).result().reason()).isEqualTo("expired");
        store.revoke(ApiKeys.parse(live).id(), t0.plus(Duration.ofSeconds(1)));
        assertThat(store.verify(live).result().reason()).isEqualTo("revoked");
        assertThat(store.verify(ApiKeys.generate().token()).result().reason()).isEqualTo("unknown-key");
        assertThat(store.verify("nope").result().reason()).isEqualTo("malformed");
    }
}
