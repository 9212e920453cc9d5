package io.agentpulse.security.tls;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TLS to PostgreSQL, read from the same place for every service: the {@code sslmode} and {@code sslrootcert}
 * parameters of AGENTPULSE_DB_URL ({@code jdbc:postgresql://db:5432/agentpulse?sslmode=verify-full&sslrootcert=/etc/ca.pem}).
 * The processor hands that URL to pgjdbc, which reads them itself; the query API and the gateway use
 * vertx-pg-client, which takes them through {@link #apply}. Same names, same meanings as libpq.
 *
 * @param mode     disable, allow, prefer, require, verify-ca or verify-full (pgjdbc's default is prefer;
 *                 ours is disable when the URL says nothing, as vertx-pg-client's is)
 * @param rootCert PEM file of the certificate authority to trust, or null for the JVM's trust store
 */
public record PgTls(String mode, Path rootCert) {
    static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    public static final PgTls NONE = new PgTls("disable", null);

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
