package io.agentpulse.ingest.gateway;

import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.PgApiKeyStore;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;

/** How a gateway ({@link GatewayMain}, the all-in-one) opens its API key store. */
@FunctionalInterface
public interface KeyStoreFactory {
    ApiKeyStore open(Vertx vertx, GatewayDbConfig db, Clock clock);

    /**
     * The keys the query API's admins manage: PostgreSQL (table api_keys, migration V30) on a small pool of
     * its own, closed with the Vert.x instance. The key cache in front of it keeps the load to one lookup per
     * key per AGENTPULSE_KEY_CACHE_SECONDS.
     */
    static KeyStoreFactory standard() {
        return (vertx, db, clock) -> {
            PgConnectOptions connect = db.tls().apply(new PgConnectOptions().setHost(db.host()).setPort(db.port())
                    .setDatabase(db.database()).setUser(db.user()).setPassword(db.password())
                    .setCachePreparedStatements(true));
            return new PgApiKeyStore(PgBuilder.pool().with(new PoolOptions().setMaxSize(db.poolSize()))
                    .connectingTo(connect).using(vertx).build(), clock);
        };
    }
}
