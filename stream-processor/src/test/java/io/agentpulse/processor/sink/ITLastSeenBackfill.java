package io.agentpulse.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.db.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** V41 fills agent_last_seen once from the raw events already stored, by the rule of Completion.of. */
class ITLastSeenBackfill {
    @Test
    void theMigrationBackfillsFirstAndLastCompletionPerAgent() throws Exception {
        DataSource ds = EmbeddedInfra.shared().freshDatabase("last_seen_backfill").dataSource();
        migrateUpToV41(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO agent_events (event_id, event_time, agent_id, kind, status, latency_ms) VALUES "
                    + "('e1', '2026-01-01T10:00:00Z', 'a1', 'SPAN', 'OK', 1500), "
                    + "('e2', '2026-01-01T10:00:01Z', 'a1', 'SPAN', 'OK', NULL), "
                    + "('e3', '2026-01-01T09:00:00Z', 'a1', 'SPAN', 'OK', 'NaN'), "
                    + "('e4', '2026-01-01T11:00:00Z', 'a2', 'HEARTBEAT', 'UNSET', -5)");
        }
        Migrations.migrate(ds);
        Map<String, AgentTimes> seen = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT agent_id, first_seen, last_seen FROM agent_last_seen")) {
            while (rs.next()) {
                seen.put(rs.getString(1), new AgentTimes(rs.getTimestamp(2).getTime(), rs.getTimestamp(3).getTime()));
            }
        }
        long ten = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
        assertThat(seen).containsOnly(Map.entry("a1", new AgentTimes(ten - 3_600_000, ten + 1500)),
                Map.entry("a2", new AgentTimes(ten + 3_600_000, ten + 3_600_000)));
    }

    /** Every migration before V41 (whatever the last one is), so V41 finds raw events to backfill. */
    private static void migrateUpToV41(DataSource ds) {
        MigrationVersion v41 = MigrationVersion.fromVersion("41");
        MigrationVersion before = java.util.Arrays.stream(flyway(ds, MigrationVersion.LATEST).info().all())
                .map(MigrationInfo::getVersion).filter(v41::isNewerThan).max(MigrationVersion::compareTo).orElseThrow();
        flyway(ds, before).migrate();
    }

    private static Flyway flyway(DataSource ds, MigrationVersion target) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(target).load();
    }
}
