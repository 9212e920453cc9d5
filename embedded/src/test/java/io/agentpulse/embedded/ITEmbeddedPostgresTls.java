package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.embedded.tls.TestCa;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS option: a verify-full client gets in over TLS, a client without TLS finds no pg_hba.conf line. */
class ITEmbeddedPostgresTls {
    @TempDir
    Path dir;

    @Test
    void verifyFullConnectsOverTlsAndPlainConnectionsAreRefused() throws Exception {
        TestCa ca = TestCa.create(dir, "pg-test-ca");
        TestCa.Issued server = ca.issueServer(dir, "pg-server");
        PostgresOptions options = PostgresOptions.fastForTests().withTls(server.certFile(), server.keyFile());
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("pg"), 0, options)) {
            String url = pg.jdbcUrl() + "?user=" + pg.user() + "&sslmode=verify-full&sslrootcert=" + ca.caFile();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1)).isTrue();
                System.out.printf("TLS %s to %s%n", r.getString(2), version(c));
            }
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl() + "?user=" + pg.user() + "&sslmode=disable"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no encryption");
            // the key the server reads is its own, mode 0600, whoever owned the original
            assertThat(java.nio.file.Files.getPosixFilePermissions(pg.dataDir().resolve("tls/server.key")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            pg.restart();
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    private static String version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version()")) {
            r.next();
            return r.getString(1);
        }
    }
}
