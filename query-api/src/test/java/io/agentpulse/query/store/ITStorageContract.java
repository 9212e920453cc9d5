package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.processor.retention.Partition;
import io.agentpulse.processor.retention.PgPartitionStore;
import io.agentpulse.processor.retention.RetentionConfig;
import io.agentpulse.processor.retention.RetentionJob;
import io.agentpulse.processor.retention.RetentionPolicy;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One storage contract run on plain PostgreSQL (range partitions) and on TimescaleDB (hypertables):
 * the same data written through the processor's sinks ({@link SinkWriter}), the retention job run
 * with the same injected clock, then every dashboard query of the query API's PostgreSQL readers
 * ({@link DashboardAnswers}). Both databases must answer every query identically, and as the fleet says.
 * The TimescaleDB half is skipped on a machine without it and fails in CI (CI=true).
 */
class ITStorageContract {
    /** Raw and minute rows kept 70 days: the old fleet's go (74 days back), the dashboard events stay (61). */
    static final RetentionConfig RETENTION = RetentionConfig.fromEnv(Map.of(
            "AGENTPULSE_RETENTION_RAW", "70d", "AGENTPULSE_RETENTION_1M", "70d"));
    private static SortedMap<String, String> plain;
    private static SortedMap<String, String> timescale;
    private static Set<String> plainDropped;
    private static Set<String> timescaleDropped;

    @BeforeAll
    static void load() throws Exception {
        PgDatabase p = PgFixture.database("storage_plain");
        PgDatabase t = PgFixture.timescaleDatabase("storage_timescale");
        plainDropped = writeAndExpire(p);
        timescaleDropped = writeAndExpire(t);
        plain = DashboardAnswers.of(p);
        timescale = DashboardAnswers.of(t);
    }

    /** Writes the data, runs the retention job at NOW; returns the tables it dropped partitions (or chunks) of. */
    static Set<String> writeAndExpire(PgDatabase db) throws Exception {
        SinkWriter.write(db);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(SinkWriter.NOW), ZoneOffset.UTC);
        RetentionJob job = new RetentionJob(new PgPartitionStore(db.dataSource()), new RetentionPolicy(RETENTION, clock),
                new SimpleMeterRegistry());
        Set<String> tables = new TreeSet<>();
        // host_rollup_* (V47) hold no rows here: plain PostgreSQL has empty partitions for them, TimescaleDB no chunks
        job.runOnce().dropped().stream().map(Partition::table).filter(t -> !t.startsWith("host_")).forEach(tables::add);
        assertThat(job.runOnce().dropped()).as("a second run finds nothing more to drop").isEmpty();
        return tables;
    }

    @Test
    void bothStoragesGiveTheSameAnswerToEveryQuery() {
        assertThat(timescale.keySet()).isEqualTo(plain.keySet()).hasSizeGreaterThan(150);
        plain.forEach((query, answer) -> assertThat(timescale.get(query)).as(query).isEqualTo(answer));
        assertThat(timescaleDropped).isEqualTo(plainDropped).containsExactly("agent_events", "rollup_1m");
    }

    @Test
    void theAnswersAreTheFleets() {
        TestFleet recent = SinkWriter.RECENT;
        TestFleet old = SinkWriter.OLD_FLEET;
        assertThat(plain).containsEntry("rows agent_events",
                        String.valueOf(DashboardStoresContract.EVENTS.size() + recent.events.size()))
                .containsEntry("rows rollup_1m", String.valueOf(recent.rows(Granularity.MINUTE).size()));
        for (Granularity g : new Granularity[] {Granularity.FIVE_MINUTES, Granularity.HOUR, Granularity.DAY,
            Granularity.WEEK, Granularity.FOUR_WEEKS}) {
            assertThat(plain).containsEntry("rows " + g.table(), String.valueOf(SinkWriter.ALL.rows(g).size()));
            assertThat(plain.get(g.label() + " old totals " + Filters.NONE)).startsWith(sums(old));
        }
        assertThat(plain.get("1m old totals " + Filters.NONE)).as("expired").startsWith("n=0 ");
        assertThat(plain.get("1m recent totals " + Filters.NONE)).startsWith(sums(recent));
        assertThat(plain.get("1h all totals " + Filters.NONE)).startsWith(sums(SinkWriter.ALL));
        assertThat(plain).containsEntry("find old", "[]").containsEntry("byId o5", "null").containsEntry("ping", "null")
                .containsEntry("tools a0", "[ToolStat[tool=search0, count=2, errors=1], ToolStat[tool=search1, count=2, errors=0]]");
        assertThat(plain.get("byId r5")).contains("eventId=r5");
        assertThat(plain.get("find newest")).contains("eventId=e59").doesNotContain("eventId=e49");
    }

    /** The exact sums a reader must report for all of a fleet's events. */
    private static String sums(TestFleet f) {
        long errors = f.events.stream().filter(TestFleet.Event::error).count();
        long in = f.events.stream().mapToLong(TestFleet.Event::input).sum();
        return "n=" + f.events.size() + " err=" + errors + " in=" + in + " ";
    }
}
