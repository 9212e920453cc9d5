package io.agentpulse.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The one place a service builds a vertx-pg-client pool (the query API's readers and alert parts, the gateway's
 * key store): the database's address and credentials with {@link PgTls} applied, then a pool of a given size.
 * What a service adds on top stays its own (the query API's session settings, whether statements are cached);
 * the sizes are the callers' (each says why its pool is as large as it is).
 */
public final class PgPools {
    private PgPools() {
    }

    /** Host, port, database, user and password of one database, with TLS as {@code tls} says; nothing else set. */
    public static PgConnectOptions options(String host, int port, String database, String user, String password, PgTls tls) {
        return tls.apply(new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                .setUser(user).setPassword(password));
    }

    /** A pool of at most {@code size} connections on {@code options}; connections open lazily, on first use. */
    public static Pool pool(Vertx vertx, PgConnectOptions options, int size) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options).using(vertx).build();
    }

    /**
     * {@link PgTls#firstContact} on {@code pool}'s first connection, to the host and port of {@code options}: a TLS
     * misconfiguration fails the returned future with a sentence and closes the pool; a database that is down does not.
     */
    public static Future<Pool> checked(Vertx vertx, Pool pool, PgConnectOptions options, PgTls tls) {
        return tls.firstContact(vertx, pool, options.getHost(), options.getPort()).map(ok -> pool)
                .onFailure(e -> pool.close());
    }
}
