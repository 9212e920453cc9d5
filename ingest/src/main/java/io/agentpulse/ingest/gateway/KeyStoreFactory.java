package io.agentpulse.ingest.gateway;

import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.InMemoryApiKeyStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.slf4j.LoggerFactory;

/** How the standalone gateway ({@link GatewayMain}) opens its API key store. */
@FunctionalInterface
public interface KeyStoreFactory {
    ApiKeyStore open(Vertx vertx, GatewayDbConfig db, Clock clock);

    /**
     * The store GatewayMain uses. TODO(merge): return the PostgreSQL store of the security module here
     * (PgApiKeyStore on a vertx-pg-client pool built from {@code db}); until then keys live in memory, so a
     * standalone gateway accepts only AGENTPULSE_BOOTSTRAP_INGEST_KEY.
     */
    static KeyStoreFactory standard() {
        return (vertx, db, clock) -> {
            LoggerFactory.getLogger(KeyStoreFactory.class).warn("API keys are held in memory, not in {}: only "
                    + "AGENTPULSE_BOOTSTRAP_INGEST_KEY is accepted by this gateway.", db);
            return new InMemoryApiKeyStore(clock);
        };
    }
}
