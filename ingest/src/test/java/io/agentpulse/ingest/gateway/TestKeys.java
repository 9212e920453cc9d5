package io.agentpulse.ingest.gateway;

import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.InMemoryApiKeyStore;
import io.agentpulse.security.keys.NewKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** API keys made at test time (no token is ever committed). */
final class TestKeys {
    final InMemoryApiKeyStore store;

    TestKeys(Clock clock) {
        this.store = new InMemoryApiKeyStore(clock);
    }

    /** A fresh token with the given scopes, expiring at {@code expiresAt} (null = never). */
    String create(Instant expiresAt, Scope... scopes) {
        return store.create(new NewKey("test", Set.of(scopes), expiresAt, "test", null)).result().token();
    }

    String ingest() {
        return create(null, Scope.INGEST);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
