package io.agentpulse.ingest.gateway;

import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.PgApiKeyStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
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
        return (vertx, db, clock) -> new PgApiKeyStore(pool(vertx, db), clock);
    }

    /**
     * As {@link #standard()}, but a TLS misconfiguration of AGENTPULSE_DB_URL (a CA that did not sign the
     * server's certificate, a host the certificate does not name) fails with a sentence at start; a
     * database that is down does not (the gateway retries adopting its bootstrap key until it is up).
     */
    static Future<ApiKeyStore> openChecked(Vertx vertx, GatewayDbConfig db, Clock clock) {
        Pool pool = pool(vertx, db);
        return db.tls().firstContact(vertx, pool, db.host(), db.port()).<ApiKeyStore>map(ok -> new PgApiKeyStore(pool, clock))
                .onFailure(e -> pool.close());
    }

    private static Pool pool(Vertx vertx, GatewayDbConfig db) {
        PgConnectOptions connect = db.tls().apply(new PgConnectOptions().setHost(db.host()).setPort(db.port())
                .setDatabase(db.database()).setUser(db.user()).setPassword(db.password())
                .setCachePreparedStatements(true));
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(db.poolSize())).connectingTo(connect).using(vertx).build();
    }
}
