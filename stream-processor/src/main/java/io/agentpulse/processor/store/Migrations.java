package io.agentpulse.processor.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies db/migration/V*__*.sql (Flyway); the schema is the contract with query-api. */
public final class Migrations {
    private Migrations() {}

    /** Migrates to the latest version; returns the number of migrations applied now. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
