package io.agentpulse.ops;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * TLS to PostgreSQL, read from the same place for every service: the {@code sslmode} and {@code sslrootcert}
 * parameters of AGENTPULSE_DB_URL ({@code jdbc:postgresql://db:5432/agentpulse?sslmode=verify-full&sslrootcert=/etc/ca.pem}).
 * The processor hands that URL to pgjdbc, which reads them itself; the query API and the gateway use
 * vertx-pg-client, which takes them through {@link #apply} ({@link PgPools#options} calls it). Same names,
 * same meanings as libpq.
 *
 * @param mode     disable, allow, prefer, require, verify-ca or verify-full (pgjdbc's default is prefer;
 *                 ours is disable when the URL says nothing, as vertx-pg-client's is)
 * @param rootCert PEM file of the certificate authority to trust, or null for the JVM's trust store
 */
public record PgTls(String mode, Path rootCert) {
    static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    public static final PgTls NONE = new PgTls("disable", null);
    /** How long a start waits for the first connection before going on (a silent network may take 60 s). */
    static final long FIRST_CONTACT_MS = 5_000;

    public PgTls {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("The sslmode of AGENTPULSE_DB_URL must be one of " + String.join(", ", MODES)
                    + ", not '" + mode + "'.");
        }
        if (rootCert != null && !Files.isReadable(rootCert)) {
            throw new IllegalArgumentException("The sslrootcert of AGENTPULSE_DB_URL names " + rootCert
                    + ", which is not a readable file.");
        }
    }

    /**
     * The parameters of {@value PgTlsFailure#VARIABLE} as {@code env} sets it (unset: no TLS); a bad sslmode or an
     * unreadable sslrootcert is a ConfigException naming the variable. What the query API and the gateway read.
     */
    public static PgTls read(Env env) {
        try {
            return fromJdbcUrl(env.string(PgTlsFailure.VARIABLE, ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PgTlsFailure.VARIABLE, e.getMessage());
        }
    }

    /** The parameters of a {@code jdbc:postgresql://...} URL; a URL without them means no TLS. */
    public static PgTls fromJdbcUrl(String url) {
        String query = url == null || !url.startsWith("jdbc:") ? null : URI.create(url.substring(5)).getRawQuery();
        String mode = param(query, "sslmode");
        String cert = param(query, "sslrootcert");
        return new PgTls(mode == null ? "disable" : mode, cert == null ? null : Path.of(cert));
    }

    /** Applies the mode and the trusted CA; verify-full also checks the server's name against its certificate. */
    public PgConnectOptions apply(PgConnectOptions options) {
        options.setSslMode(SslMode.of(mode));
        if (!"disable".equals(mode)) {
            ClientSSLOptions ssl = new ClientSSLOptions()
                    // libpq semantics: only verify-full checks the host name; require trusts any certificate.
                    .setHostnameVerificationAlgorithm("verify-full".equals(mode) ? "HTTPS" : "")
                    .setTrustAll("require".equals(mode) || "prefer".equals(mode) || "allow".equals(mode));
            if (rootCert != null) {
                ssl.setTrustOptions(new PemTrustOptions().addCertPath(rootCert.toString()));
            }
            options.setSslOptions(ssl);
        }
        return options;
    }

    /**
     * Opens one connection of {@code pool} (to {@code host}:{@code port}) at start. A TLS failure (the CA in
     * sslrootcert did not sign the server's certificate, or it does not name the host) fails with a
     * ConfigException sentence; success, a server that is down, or no answer within {@link #FIRST_CONTACT_MS}
     * succeed, and readiness reports the database as before. Without TLS nothing is opened.
     */
    public Future<Void> firstContact(Vertx vertx, Pool pool, String host, int port) {
        if ("disable".equals(mode)) {
            return Future.succeededFuture();
        }
        Promise<Void> checked = Promise.promise();
        long timer = vertx.setTimer(FIRST_CONTACT_MS, id -> checked.tryComplete());
        pool.getConnection().onComplete(ar -> {
            if (ar.succeeded()) {
                ar.result().close();
                vertx.cancelTimer(timer);
                checked.tryComplete();
                return;
            }
            vertx.executeBlocking(() -> explain(ar.cause(), host, port)).onComplete(why -> {
                vertx.cancelTimer(timer);
                // the probe's own failure may be a sentence too (sslrootcert is not a PEM certificate file)
                (why.succeeded() ? why.result() : Optional.of(why.cause()).filter(ConfigException.class::isInstance)
                        .map(ConfigException.class::cast)).ifPresentOrElse(checked::tryFail, checked::tryComplete);
            });
        });
        return checked.future();
    }

    /**
     * The sentence for a failed first connection, if TLS is what failed. vertx-pg-client says only "SSL
     * handshake failed"; when the certificate is verified, the JDK's own handshake ({@link PgTlsProbe}) tells why.
     */
    Optional<ConfigException> explain(Throwable error, String host, int port) {
        boolean verifies = "verify-ca".equals(mode) || "verify-full".equals(mode);
        if (verifies && String.valueOf(error.getMessage()).contains("SSL handshake failed")) {
            Exception probe = PgTlsProbe.handshake(this, host, port, (int) FIRST_CONTACT_MS);
            Optional<ConfigException> why = probe == null ? Optional.empty() : PgTlsFailure.explain(probe);
            if (why.isPresent()) {
                return why;
            }
        }
        return PgTlsFailure.explain(error);
    }

    private static String param(String query, String key) {
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals(key)) {
                    return java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
