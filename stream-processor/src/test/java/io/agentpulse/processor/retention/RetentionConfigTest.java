package io.agentpulse.processor.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ops.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
    @Test
    void defaultsKeepRawAWeekMinutesAMonthHoursOverAYearAndDaysForever() {
        RetentionConfig c = RetentionConfig.defaults();
        assertThat(c.raw()).contains(Duration.ofDays(7));
        assertThat(c.minute()).contains(Duration.ofDays(30));
        assertThat(c.hour()).contains(Duration.ofDays(400));
        assertThat(c.day()).isEmpty();
    }

    @Test
    void readsDurationsAndForever() {
        RetentionConfig c = RetentionConfig.fromEnv(Map.of("AGENTPULSE_RETENTION_RAW", "P2D",
                "AGENTPULSE_RETENTION_1M", "forever", "AGENTPULSE_RETENTION_1D", "3650d"));
        assertThat(c.raw()).contains(Duration.ofDays(2));
        assertThat(c.minute()).isEqualTo(Optional.empty());
        assertThat(c.day()).contains(Duration.ofDays(3650));
    }

    @Test
    void rejectsNonsenseAndLessThanADayWithASentenceNamingTheVariable() {
        assertThatThrownBy(() -> RetentionConfig.fromEnv(Map.of("AGENTPULSE_RETENTION_1H", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPULSE_RETENTION_1H");
        assertThatThrownBy(() -> RetentionConfig.fromEnv(Map.of("AGENTPULSE_RETENTION_RAW", "2h")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shorter than one day");
    }

    @Test
    void timescaleModeSetsPoliciesAndDropsExpiredChunksByItsOwnClock() {
        InMemoryPartitionStore store = new InMemoryPartitionStore("timescaledb");
        java.time.Instant now = java.time.Instant.parse("2026-06-15T12:00:00Z");
        store.ensurePartitions(now.minus(Duration.ofDays(40)), now);
        RetentionJob.Result r = new RetentionJob(store, new RetentionPolicy(RetentionConfig.defaults(),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)), new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .runOnce();
        assertThat(store.policies).containsEntry("rollup_1m", Optional.of(Duration.ofDays(30)))
                .containsEntry("rollup_1d", Optional.empty());
        assertThat(r.dropped()).extracting(Partition::table).contains("agent_events", "rollup_1m").doesNotContain("rollup_1d");
    }
}
