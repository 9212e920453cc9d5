package io.agentpulse.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the embedded PostgreSQL.
 *
 * @param startTimeout   how long {@code start} waits for the server to accept a connection
 * @param durable        true: fsync on (survives an OS crash); false: fsync and synchronous commit
 *                       off, much faster, still survives a SIGKILL of the server (the OS keeps the
 *                       written pages), which is what tests need
 * @param osUser         account to run as when this JVM is root; null = {@code postgres}, else {@code nobody}
 * @param serverSettings extra {@code -c name=value} settings; they override ours
 */
public record PostgresOptions(Duration startTimeout, boolean durable, String osUser,
                              Map<String, String> serverSettings) {
    public PostgresOptions {
        Objects.requireNonNull(startTimeout, "startTimeout");
        serverSettings = Map.copyOf(serverSettings);
    }

    /** Durable, 60 s start timeout, automatic OS account. */
    public static PostgresOptions defaults() {
        return new PostgresOptions(Duration.ofSeconds(60), true, null, Map.of());
    }

    /** Defaults but not durable: for tests. */
    public static PostgresOptions fastForTests() {
        return defaults().withDurable(false);
    }

    public PostgresOptions withDurable(boolean value) {
        return new PostgresOptions(startTimeout, value, osUser, serverSettings);
    }

    public PostgresOptions withStartTimeout(Duration value) {
        return new PostgresOptions(value, durable, osUser, serverSettings);
    }

    public PostgresOptions withOsUser(String value) {
        return new PostgresOptions(startTimeout, durable, value, serverSettings);
    }

    public PostgresOptions withServerSettings(Map<String, String> value) {
        return new PostgresOptions(startTimeout, durable, osUser, value);
    }

    /**
     * TLS from a PEM certificate and its unencrypted PEM key: {@code ssl=on}, and a pg_hba.conf with
     * {@code hostssl} lines only, so a client without TLS is refused. At start the files are copied into
     * {@code dataDir/tls} owned by the server's account with mode 0600, as PostgreSQL requires of a key
     * ({@link PgTlsFiles}).
     */
    public PostgresOptions withTls(Path certFile, Path keyFile) {
        Map<String, String> s = new LinkedHashMap<>(serverSettings);
        s.put("ssl", "on");
        s.put("ssl_cert_file", certFile.toAbsolutePath().toString());
        s.put("ssl_key_file", keyFile.toAbsolutePath().toString());
        return withServerSettings(s);
    }

    /** True when the server speaks TLS (see {@link #withTls}). */
    public boolean tls() {
        return "on".equals(serverSettings.get("ssl"));
    }

    /**
     * Preloads the TimescaleDB extension ({@code shared_preload_libraries}, telemetry off), so that the
     * migrations' {@code CREATE EXTENSION timescaledb} succeeds; the server then runs from the Debian
     * binaries that have it ({@link TimescaleDb#binDir()}), never zonky's, which lack it.
     */
    public PostgresOptions withTimescaleDb() {
        if (timescaleDb()) {
            return this;
        }
        Map<String, String> s = new LinkedHashMap<>(serverSettings);
        String others = s.getOrDefault("shared_preload_libraries", "").trim();
        s.put("shared_preload_libraries", others.isEmpty() ? TimescaleDb.LIBRARY : TimescaleDb.LIBRARY + "," + others);
        s.put("timescaledb.telemetry_level", "off");
        return withServerSettings(s);
    }

    /** True when the server preloads TimescaleDB (see {@link #withTimescaleDb()}). */
    public boolean timescaleDb() {
        return serverSettings.getOrDefault("shared_preload_libraries", "").contains(TimescaleDb.LIBRARY);
    }
}
