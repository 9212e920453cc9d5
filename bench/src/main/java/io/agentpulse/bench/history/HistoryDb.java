package io.agentpulse.bench.history;

import io.agentpulse.embedded.EmbeddedPostgres;
import io.agentpulse.embedded.PostgresOptions;
import io.agentpulse.contract.db.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded PostgreSQL holding the backfilled year (kept under a data directory, so the
 * query benchmark reuses it). Not durable (fsync off: a bench database), 512 MiB shared buffers.
 */
final class HistoryDb {
    static final Map<String, String> SETTINGS = Map.of(
            "shared_buffers", "512MB", "work_mem", "32MB", "maintenance_work_mem", "256MB",
            "max_wal_size", "8GB", "checkpoint_timeout", "30min", "effective_cache_size", "4GB");

    private HistoryDb() {}

    static EmbeddedPostgres start(Path dir) {
        return start(dir, false);
    }

    /** timescale: TimescaleDB preloaded (Debian's PostgreSQL 15 with the extension), so the migrations make hypertables. */
    static EmbeddedPostgres start(Path dir, boolean timescale) {
        PostgresOptions options = PostgresOptions.fastForTests().withStartTimeout(Duration.ofSeconds(120))
                .withServerSettings(SETTINGS);
        EmbeddedPostgres pg = EmbeddedPostgres.start(dir, 0, timescale ? options.withTimescaleDb() : options);
        Migrations.migrate(pg.dataSource());
        return pg;
    }

    static long scalar(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
