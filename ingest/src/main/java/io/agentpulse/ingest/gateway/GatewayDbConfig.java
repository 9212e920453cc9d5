package io.agentpulse.ingest.gateway;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import io.agentpulse.ops.PgUrl;
import io.agentpulse.security.tls.PgTls;
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
        PgUrl db = PgUrl.read(env, "AGENTPULSE_DB_URL", "jdbc:postgresql://localhost:5432/agentpulse");
        return new GatewayDbConfig(db.host(), db.port(), db.database(),
                env.string("AGENTPULSE_DB_USER", db.user() == null ? "agentpulse" : db.user()),
                env.string("AGENTPULSE_DB_PASSWORD", db.password() == null ? "agentpulse" : db.password()),
                env.integer("AGENTPULSE_DB_POOL_SIZE", 2, 1, 64), tls(vars));
    }

    /** sslmode and sslrootcert of AGENTPULSE_DB_URL, as the query API reads them. */
    private static PgTls tls(Map<String, String> vars) {
        try {
            return PgTls.fromJdbcUrl(vars.get("AGENTPULSE_DB_URL"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("AGENTPULSE_DB_URL", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GatewayDbConfig[" + user + "@" + host + ":" + port + "/" + database + ", pool " + poolSize + "]";
    }
}
