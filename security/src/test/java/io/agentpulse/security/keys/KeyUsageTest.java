package io.agentpulse.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyUsageTest {
    @Test
    void manyUsesBecomeOneTouchWithTheLatestTime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        InMemoryApiKeyStore store = new InMemoryApiKeyStore(clock);
        String id = store.create(new NewKey("k", Set.of(Scope.INGEST), null, "test", null)).result().record().id();
        KeyUsage usage = new KeyUsage(store, clock);
        for (int i = 0; i < 1000; i++) {
            usage.used(id);
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(usage.pending()).isEqualTo(1);
        assertThat(store.list().result().get(0).lastUsedAt()).isNull();
        assertThat(usage.flush().succeeded()).isTrue();
        assertThat(usage.pending()).isZero();
        assertThat(store.list().result().get(0).lastUsedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.999Z"));
    }
}
