package io.agentpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the files of {@link PostgresOptions#withTls} where the server can use them. PostgreSQL refuses a
 * key file that others can read, or that belongs to anyone but itself (or root with mode 0640), and a
 * caller's key usually belongs to the caller; so certificate and key are copied into {@code dataDir/tls},
 * owned by the server's account, mode 0600. The same folder holds a pg_hba.conf that accepts TLS
 * connections only ({@code hostssl}): a client that does not ask for TLS finds no matching line.
 */
final class PgTlsFiles {
    static final String HBA = "# Written by the embedded PostgreSQL (PgTlsFiles): TLS connections only.\n"
            + "hostssl all all " + Ports.HOST + "/32 trust\n";

    private PgTlsFiles() {
    }

    /** Copies the files and returns options whose settings name the copies and the TLS-only pg_hba.conf. */
    static PostgresOptions install(Path dataDir, PgOsUser user, PostgresOptions options) {
        Map<String, String> s = new LinkedHashMap<>(options.serverSettings());
        Path dir = dataDir.resolve("tls");
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path cert = copy(Path.of(s.get("ssl_cert_file")), dir.resolve("server.crt"));
            Path key = copy(Path.of(s.get("ssl_key_file")), dir.resolve("server.key"));
            Path hba = Files.writeString(dir.resolve("pg_hba.conf"), HBA);
            for (Path p : new Path[] {dir, cert, key, hba}) {
                own(p, user);
            }
            s.put("ssl_cert_file", cert.toString());
            s.put("ssl_key_file", key.toString());
            s.put("hba_file", hba.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the TLS files of the embedded PostgreSQL in " + dir + ".", e);
        }
        return options.withServerSettings(s);
    }

    private static Path copy(Path from, Path to) throws IOException {
        if (!Files.isReadable(from)) {
            throw new IllegalArgumentException("The embedded PostgreSQL's TLS file " + from + " is not a readable file.");
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
        return to;
    }

    /** When we are root the server runs as {@code user}: it must own what it reads with mode 0600/0700. */
    private static void own(Path p, PgOsUser user) throws IOException {
        if (user.switches()) {
            Files.setAttribute(p, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }
}
