package io.agentpulse.ingest.gateway;

import io.agentpulse.ops.Env;
import io.agentpulse.ops.PgTls;
import io.agentpulse.ops.PgUrl;
import java.util.Map;

/**
 * Where the standalone gateway finds the API keys: the same PostgreSQL and the same AGENTPULSE_DB_* variables
 * as the query API (which manages the keys). The pool is small: with the key cache a gateway asks the
 * database about each key once per AGENTPULSE_KEY_CACHE_SECONDS, plus one last-used write per key every 5 s.
 *
 * @param poolSize connections of the gateway (AGENTPULSE_DB_POOL_SIZE, default 2)
 */
public record GatewayDbConfig(String host, int port, String database, String user, String password, int poolSize,
                              PgTls tls) {
    public static GatewayDbConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        PgUrl db = PgUrl.fromEnv(env); // the URL, user, password and TLS as the query API reads them
        return new GatewayDbConfig(db.host(), db.port(), db.database(), db.user(), db.password(),
                env.integer("AGENTPULSE_DB_POOL_SIZE", 2, 1, 64), PgTls.read(env));
    }

    @Override
    public String toString() {
        return "GatewayDbConfig[" + user + "@" + host + ":" + port + "/" + database + ", pool " + poolSize + "]";
    }
}
