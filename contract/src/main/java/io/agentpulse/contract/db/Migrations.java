package io.agentpulse.contract.db;

import io.agentpulse.ops.ConfigException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies db/migration/V*__*.sql (Flyway); the schema is the contract with query-api. */
public final class Migrations {
    private static final String STATE = "SELECT"
            + " EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'),"
            + " EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'),"
            + " current_setting('shared_preload_libraries'),"
            + " to_regclass('agentpulse_storage') IS NOT NULL";

    private Migrations() {}

    /** Migrates to the latest version; returns the number of migrations applied now. */
    public static int migrate(DataSource dataSource) {
        preflight(dataSource);
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /**
     * V1 chooses the storage with {@code CREATE EXTENSION timescaledb} and falls back to plain
     * partitioning when that fails. On a server that has the TimescaleDB package but does not preload
     * it, the statement does not fail: it ends the session (FATAL), which no exception block catches,
     * and the migration dies with a message about a lost connection. Said here, before, in one sentence.
     */
    static void preflight(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(STATE)) {
            r.next();
            problem(r.getBoolean(1), r.getBoolean(2), r.getString(3), r.getBoolean(4)).ifPresent(message -> {
                throw new ConfigException("AGENTPULSE_DB_URL", message);
            });
        } catch (SQLException e) {
            // Flyway connects next and reports an unreachable or refusing database in its own words.
        }
    }

    /** The sentence for a server V1 cannot run on, if this is one (pure: unit-tested). */
    static Optional<String> problem(boolean available, boolean created, String preload, boolean migrated) {
        if (!available || created || migrated || preload.contains("timescaledb")) {
            return Optional.empty();
        }
        return Optional.of("The PostgreSQL server named by AGENTPULSE_DB_URL has the TimescaleDB extension installed but"
                + " not preloaded (shared_preload_libraries is \"" + preload + "\"), and creating the schema would fail"
                + " there; add shared_preload_libraries = 'timescaledb' to postgresql.conf and restart the server, or"
                + " remove the TimescaleDB package to store on plain PostgreSQL.");
    }
}
