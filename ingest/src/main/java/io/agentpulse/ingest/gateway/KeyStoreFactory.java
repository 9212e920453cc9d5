package io.agentpulse.ingest.gateway;

import io.agentpulse.ops.PgPools;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.PgApiKeyStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
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
        return (vertx, db, clock) -> new PgApiKeyStore(PgPools.pool(vertx, connect(db), db.poolSize()), clock);
    }

    /**
     * As {@link #standard()}, but a TLS misconfiguration of AGENTPULSE_DB_URL (a CA that did not sign the
     * server's certificate, a host the certificate does not name) fails with a sentence at start; a
     * database that is down does not (the gateway retries adopting its bootstrap key until it is up).
     */
    static Future<ApiKeyStore> openChecked(Vertx vertx, GatewayDbConfig db, Clock clock) {
        PgConnectOptions connect = connect(db);
        Pool pool = PgPools.pool(vertx, connect, db.poolSize());
        return PgPools.checked(vertx, pool, connect, db.tls()).map(checked -> new PgApiKeyStore(checked, clock));
    }

    /** The shared options; the key lookups are the same few statements, so they are prepared once per connection. */
    private static PgConnectOptions connect(GatewayDbConfig db) {
        return PgPools.options(db.host(), db.port(), db.database(), db.user(), db.password(), db.tls())
                .setCachePreparedStatements(true);
    }
}
