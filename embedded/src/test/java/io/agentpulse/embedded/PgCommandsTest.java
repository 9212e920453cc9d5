package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgCommandsTest {
    private static final PgOsUser ROOT_SWITCH = new PgOsUser("postgres", 101, 104);
    private static final PgOsUser SELF = new PgOsUser(null, -1, -1);

    @Test
    void asRootTheServerRunsThroughSetprivInsideTheStdinWatchingWrapper() {
        var cmd = PgCommands.server(ROOT_SWITCH, Path.of("/pg/bin"), Path.of("/d/pgdata"), 5555,
                PostgresOptions.defaults());
        assertThat(cmd.subList(0, 4)).containsExactly("sh", "-c", PgCommands.WRAPPER, "pg-wrapper");
        assertThat(cmd.subList(4, 13)).containsExactly("setpriv", "--reuid=101", "--regid=104", "--clear-groups", "--",
                "/pg/bin/postgres", "-D", "/d/pgdata", "-p");
        assertThat(cmd).contains("listen_addresses=127.0.0.1", "unix_socket_directories=").doesNotContain("fsync=off");
    }

    @Test
    void withoutRootNoSwitchAndFastModeTurnsOffFsync() {
        var cmd = PgCommands.server(SELF, Path.of("/pg/bin"), Path.of("/d"), 5555,
                PostgresOptions.fastForTests().withServerSettings(Map.of("max_connections", "50")));
        assertThat(cmd.get(4)).isEqualTo("/pg/bin/postgres");
        assertThat(cmd).contains("fsync=off", "synchronous_commit=off", "max_connections=50")
                .doesNotContain("max_connections=200");
        assertThat(PgCommands.initdb(SELF, Path.of("/pg/bin"), Path.of("/d"), "postgres", false)).contains("--no-sync");
    }

    @Test
    void timescaleDbIsPreloadedBesideOtherLibrariesAndOnlyOnce() {
        PostgresOptions plain = PostgresOptions.fastForTests().withServerSettings(Map.of("shared_preload_libraries", "auto_explain"));
        PostgresOptions timescale = plain.withTimescaleDb().withTimescaleDb();
        assertThat(plain.timescaleDb()).isFalse();
        assertThat(timescale.timescaleDb()).isTrue();
        assertThat(PgCommands.server(SELF, Path.of("/pg/bin"), Path.of("/d"), 5555, timescale))
                .contains("shared_preload_libraries=timescaledb,auto_explain", "timescaledb.telemetry_level=off");
    }

    @Test
    void databaseNamesAreCheckedBeforeTheyReachSql() {
        assertThat(new PgDatabase("127.0.0.1", 1, "ok_name1", "u", "p").jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:1/ok_name1");
        assertThatThrownBy(() -> new PgDatabase("127.0.0.1", 1, "x; DROP DATABASE y", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case letters");
    }
}
