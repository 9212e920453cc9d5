package io.agentpulse.ops;

import java.net.URI;

/**
 * A {@code jdbc:postgresql://host[:port]/database[?user=..&password=..]} setting taken apart, for the services
 * that reach PostgreSQL through vertx-pg-client (which takes host, port and database, not a JDBC URL).
 *
 * @param user     the URL's {@code user} parameter, or null
 * @param password the URL's {@code password} parameter, or null
 */
public record PgUrl(String host, int port, String database, String user, String password) {
    /** The database every service uses unless AGENTPULSE_DB_URL says otherwise. */
    public static final String DEFAULT = "jdbc:postgresql://localhost:5432/agentpulse";

    /**
     * The database of a vertx-pg-client service (the query API, the gateway), read the same way by each:
     * AGENTPULSE_DB_URL (default {@link #DEFAULT}), its user and password replaced by AGENTPULSE_DB_USER and
     * AGENTPULSE_DB_PASSWORD when set, {@code agentpulse} when neither says.
     */
    public static PgUrl fromEnv(Env env) {
        PgUrl url = read(env, PgTlsFailure.VARIABLE, DEFAULT);
        return new PgUrl(url.host, url.port, url.database,
                env.string("AGENTPULSE_DB_USER", url.user == null ? "agentpulse" : url.user),
                env.string("AGENTPULSE_DB_PASSWORD", url.password == null ? "agentpulse" : url.password));
    }

    /** Reads {@code name} (default {@code dflt}); a malformed value is a ConfigException that never echoes it. */
    public static PgUrl read(Env env, String name, String dflt) {
        String raw = env.string(name, dflt);
        try {
            if (raw.startsWith("jdbc:postgresql://")) {
                URI u = URI.create(raw.substring("jdbc:".length()));
                if (u.getHost() != null && u.getPath() != null && u.getPath().length() > 1) {
                    return new PgUrl(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), u.getPath().substring(1),
                            param(u, "user"), param(u, "password"));
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        // The URL may carry a password: name the variable and the expected form, not the value.
        throw new ConfigException(name, "The setting " + name + " must look like jdbc:postgresql://host:port/database.");
    }

    private static String param(URI uri, String key) {
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals(key)) {
                    return kv.substring(eq + 1);
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "PgUrl[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
