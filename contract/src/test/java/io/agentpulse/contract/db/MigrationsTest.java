package io.agentpulse.contract.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void aServerWithTimescaleDbInstalledButNotPreloadedIsNamedBeforeTheSchemaIsCreated() {
        assertThat(Migrations.problem(true, false, "pg_stat_statements", false)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("The PostgreSQL server named by AGENTPULSE_DB_URL has the TimescaleDB extension installed but"
                        + " not preloaded (shared_preload_libraries is \"pg_stat_statements\")")
                .contains("add shared_preload_libraries = 'timescaledb'"));
    }

    @Test
    void everyOtherServerMigratesAsBefore() {
        assertThat(Migrations.problem(false, false, "", false)).as("plain PostgreSQL").isEmpty();
        assertThat(Migrations.problem(true, false, "timescaledb", false)).as("TimescaleDB preloaded").isEmpty();
        assertThat(Migrations.problem(true, true, "", false)).as("extension already created").isEmpty();
        assertThat(Migrations.problem(true, false, "", true)).as("schema already created on plain partitions").isEmpty();
    }
}
