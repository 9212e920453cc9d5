package io.agentpulse.processor.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retention job against a partition store: old partitions go, rows inside the window stay. */
abstract class RetentionContract {
    /** Noon, so "now - N days" sits mid-partition and the partition-end rule matters. */
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    abstract PartitionStore store();

    abstract void ensurePartitions(Instant from, Instant to);

    abstract void row(String table, Instant time);

    abstract long rows(String table, Instant from, Instant to);

    private RetentionJob job() {
        RetentionConfig cfg = RetentionConfig.fromEnv(Map.of()); // raw 7d, 1m 30d, 1h 400d, 1d forever
        return new RetentionJob(store(), new RetentionPolicy(cfg, Clock.fixed(NOW, ZoneOffset.UTC)), new SimpleMeterRegistry());
    }

    @Test
    void dropsOnlyPartitionsWhollyOlderThanTheRetention() {
        ensurePartitions(NOW.minus(Duration.ofDays(45)), NOW.plus(DAY));
        Instant[] minuteRows = {NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(31)),
            NOW.minus(Duration.ofDays(30)).plusSeconds(3600), NOW.minus(Duration.ofDays(29)), NOW};
        for (Instant t : minuteRows) {
            row("rollup_1m", t);
        }
        row("agent_events", NOW.minus(Duration.ofDays(8)));
        row("agent_events", NOW.minus(Duration.ofDays(6)));
        row("rollup_1h", NOW.minus(Duration.ofDays(44)));
        row("rollup_1d", NOW.minus(Duration.ofDays(44)));

        RetentionJob.Result r = job().runOnce();

        Instant cut = NOW.minus(Duration.ofDays(30));
        assertThat(rows("rollup_1m", Instant.EPOCH, cut)).isZero();
        assertThat(rows("rollup_1m", cut, NOW.plus(DAY))).isEqualTo(3); // 30 d - 1 h ago, 29 d ago, now
        assertThat(rows("agent_events", Instant.EPOCH, NOW.plus(DAY))).isEqualTo(1);
        assertThat(rows("rollup_1h", Instant.EPOCH, NOW.plus(DAY))).isEqualTo(1);
        assertThat(rows("rollup_1d", Instant.EPOCH, NOW.plus(DAY))).isEqualTo(1);
        assertThat(r.dropped()).allSatisfy(p -> assertThat(p.to())
                .isBeforeOrEqualTo(NOW.minus(Duration.ofDays(p.table().equals("agent_events") ? 7 : 30))));
        // host_rollup_1m (V47) has the retention of rollup_1m and, on PostgreSQL, partitions like it
        assertThat(r.dropped()).extracting(Partition::table).isSubsetOf("rollup_1m", "agent_events", "host_rollup_1m")
                .contains("rollup_1m", "agent_events");
        assertThat(store().list()).filteredOn(p -> p.table().equals("rollup_1m"))
                .allSatisfy(p -> assertThat(p.to()).isAfter(cut));
        assertThat(job().runOnce().dropped()).isEmpty(); // idempotent
    }

    @Test
    void fiveMinuteRowsKeepNinetyDaysAndWeeksAndFourWeeksForever() {
        ensurePartitions(NOW.minus(Duration.ofDays(200)), NOW.plus(DAY));
        for (String table : new String[] {"rollup_5m", "rollup_1w", "rollup_4w"}) {
            row(table, NOW.minus(Duration.ofDays(150)));
            row(table, NOW.minus(Duration.ofDays(80)));
        }

        RetentionJob.Result r = job().runOnce();

        assertThat(rows("rollup_5m", Instant.EPOCH, NOW.minus(Duration.ofDays(90)))).isZero();
        assertThat(rows("rollup_5m", NOW.minus(Duration.ofDays(90)), NOW.plus(DAY))).isEqualTo(1);
        assertThat(rows("rollup_1w", Instant.EPOCH, NOW.plus(DAY))).isEqualTo(2);
        assertThat(rows("rollup_4w", Instant.EPOCH, NOW.plus(DAY))).isEqualTo(2);
        assertThat(r.dropped()).filteredOn(p -> p.table().equals("rollup_5m")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.to()).isBeforeOrEqualTo(NOW.minus(Duration.ofDays(90))));
        assertThat(r.dropped()).extracting(Partition::table).doesNotContain("rollup_1w", "rollup_4w");
    }

    @Test
    void expiredRowsInTheDefaultPartitionAreDeletedAndRecentOnesKept() {
        ensurePartitions(NOW.minus(DAY), NOW.plus(DAY));
        row("rollup_1m", NOW.minus(Duration.ofDays(100))); // no partition there: DEFAULT
        row("rollup_1m", NOW.minus(Duration.ofDays(10)));  // DEFAULT too, but inside the retention

        RetentionJob.Result r = job().runOnce();

        assertThat(r.defaultRowsDeleted()).isEqualTo(1);
        assertThat(rows("rollup_1m", Instant.EPOCH, NOW.plus(DAY))).isEqualTo(1);
        assertThat(rows("rollup_1m", NOW.minus(Duration.ofDays(11)), NOW)).isEqualTo(1);
    }
}
