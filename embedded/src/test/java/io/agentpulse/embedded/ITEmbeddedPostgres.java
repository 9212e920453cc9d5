package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ITEmbeddedPostgres {
    @TempDir
    Path dir;

    @Test
    void rowsSurviveCleanRestartAndKill() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("pg"), 0)) {
            System.out.printf("postgres first start (initdb included): %d ms%n", pg.lastStartDuration().toMillis());
            assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/agentpulse");
            execute(pg.dataSource(), "CREATE TABLE t (id int PRIMARY KEY, v text)");
            execute(pg.dataSource(), "INSERT INTO t VALUES (1, 'one'), (2, 'two')");

            pg.restart();
            System.out.printf("postgres clean restart: %d ms%n", pg.lastStartDuration().toMillis());
            assertThat(count(pg.dataSource())).isEqualTo(2);

            execute(pg.dataSource(), "INSERT INTO t VALUES (3, 'three')");
            pg.kill();
            assertThat(pg.isRunning()).isFalse();
            pg.restart();
            System.out.printf("postgres restart after SIGKILL: %d ms%n", pg.lastStartDuration().toMillis());
            assertThat(count(pg.dataSource())).isEqualTo(3);
        }
    }

    @Test
    void keptDataDirIsReusedByANewServerOnTheSamePort() throws Exception {
        Path data = dir.resolve("kept");
        int port;
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(data, 0, PostgresOptions.fastForTests())) {
            port = pg.port();
            execute(pg.dataSource(), "CREATE TABLE t (id int PRIMARY KEY, v text)");
            execute(pg.dataSource(), "INSERT INTO t VALUES (1, 'one')");
        }
        try (EmbeddedPostgres again = EmbeddedPostgres.start(data, 0, PostgresOptions.fastForTests())) {
            System.out.printf("postgres start on kept data: %d ms%n", again.lastStartDuration().toMillis());
            assertThat(again.port()).isEqualTo(port);
            assertThat(count(again.dataSource())).isEqualTo(1);
        }
    }

    @Test
    void createDatabaseGivesAnEmptyIsolatedDatabase() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("iso"), 0, PostgresOptions.fastForTests())) {
            PgDatabase a = pg.createDatabase("test_a");
            execute(a.dataSource(), "CREATE TABLE t (id int PRIMARY KEY, v text)");
            execute(a.dataSource(), "INSERT INTO t VALUES (1, 'one')");
            assertThat(count(a.dataSource())).isEqualTo(1);
            PgDatabase again = pg.createDatabase("test_a");
            try (Connection c = again.dataSource().getConnection();
                 ResultSet rs = c.getMetaData().getTables(null, "public", "t", null)) {
                assertThat(rs.next()).as("recreated database is empty").isFalse();
            }
        }
    }

    @Test
    void runsAsNobodyWhenThereIsNoPostgresAccount() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PgOsUser.isRoot(), "only root switches accounts");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("nobody"), 0,
                PostgresOptions.fastForTests().withOsUser("nobody"))) {
            try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(
                    pg.dataDir().resolve("pgdata/postmaster.pid")).get(0));
            assertThat(ProcessHandle.of(postmaster).flatMap(p -> p.info().user())).contains("nobody");
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int count(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
