package io.agentpulse.query.auth;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import io.agentpulse.ops.PgTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query API's security settings (see RATIONALE.md for the table).
 *
 * @param adminPassword   the first admin's password when the users table is empty; null = generate and print once
 * @param keyCache        how long a key check is cached: a revoked key works at most this long
 * @param sessionIdle     a session ends after this long without a request
 * @param sessionAbsolute a session ends this long after login, whatever happens
 * @param allowedOrigins  origins besides this server's own that may call (scheme://host[:port], lower case)
 * @param tlsCert         PEM certificate chain, or null for plain HTTP
 * @param tlsKey          PEM private key (PKCS#8 or PKCS#1), with tlsCert
 */
public record AuthSettings(String adminPassword, Duration keyCache, Duration sessionIdle, Duration sessionAbsolute,
                           Set<String> allowedOrigins, Path tlsCert, Path tlsKey, PgTls dbTls) {

    public static AuthSettings fromEnv(Env r) {
        String admin = r.string("AGENTPULSE_ADMIN_PASSWORD", "");
        if (!admin.isEmpty() && admin.length() < 12) {
            throw new ConfigException("AGENTPULSE_ADMIN_PASSWORD", "The setting AGENTPULSE_ADMIN_PASSWORD has "
                    + admin.length() + " characters, but a password must have at least 12.");
        }
        Duration idle = r.duration("AGENTPULSE_SESSION_IDLE", Duration.ofHours(8));
        Duration absolute = r.duration("AGENTPULSE_SESSION_ABSOLUTE", Duration.ofHours(24));
        if (idle.isZero() || absolute.compareTo(idle) < 0) {
            throw new ConfigException("AGENTPULSE_SESSION_ABSOLUTE", "The settings AGENTPULSE_SESSION_IDLE (" + idle
                    + ") and AGENTPULSE_SESSION_ABSOLUTE (" + absolute + ") must be positive, and the absolute timeout "
                    + "must not be shorter than the idle one.");
        }
        Set<String> origins = r.list("AGENTPULSE_ALLOWED_ORIGINS", java.util.List.of()).stream()
                .map(o -> origin(o)).collect(Collectors.toUnmodifiableSet());
        Path cert = r.path("AGENTPULSE_TLS_CERT_FILE", null);
        Path key = r.path("AGENTPULSE_TLS_KEY_FILE", null);
        if ((cert == null) != (key == null)) {
            throw new ConfigException(cert == null ? "AGENTPULSE_TLS_CERT_FILE" : "AGENTPULSE_TLS_KEY_FILE",
                    "HTTPS needs both AGENTPULSE_TLS_CERT_FILE and AGENTPULSE_TLS_KEY_FILE, but only one of them is set.");
        }
        for (Path p : new Path[] {cert, key}) {
            if (p != null && !Files.isReadable(p)) {
                throw new ConfigException(p == cert ? "AGENTPULSE_TLS_CERT_FILE" : "AGENTPULSE_TLS_KEY_FILE",
                        "The TLS file " + p + " does not exist or cannot be read.");
            }
        }
        return new AuthSettings(admin.isEmpty() ? null : admin,
                Duration.ofSeconds(r.integer("AGENTPULSE_KEY_CACHE_SECONDS", 2, 0, 3_600)), idle, absolute, origins, cert, key,
                PgTls.read(r)); // sslmode and sslrootcert of AGENTPULSE_DB_URL (the processor's pgjdbc reads the same URL)
    }

    public boolean tls() {
        return tlsCert != null;
    }

    private static String origin(String raw) {
        String o = raw.toLowerCase(Locale.ROOT);
        if (!o.matches("https?://[a-z0-9.\\-\\[\\]:]+")) {
            throw new ConfigException("AGENTPULSE_ALLOWED_ORIGINS", "The setting AGENTPULSE_ALLOWED_ORIGINS contains '"
                    + raw + "', but each origin must look like https://host or https://host:port (no path).");
        }
        return o;
    }

    @Override
    public String toString() {
        return "AuthSettings[adminPassword=" + (adminPassword == null ? "generated" : "***") + ", keyCache=" + keyCache
                + ", sessionIdle=" + sessionIdle + ", sessionAbsolute=" + sessionAbsolute + ", allowedOrigins="
                + allowedOrigins + ", tls=" + tls() + "]";
    }
}
