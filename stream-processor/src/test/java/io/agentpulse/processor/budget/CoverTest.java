package io.agentpulse.processor.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.budget.Cover.Part;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans split into the tables that hold them exactly, at explicit times. */
class CoverTest {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final long APR1 = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();

    @Test
    void aMonthToDateIsSettledDaysThenSettledHoursThenMinutes() {
        long now = APR1 + 19 * DAY + 10 * HOUR + 5 * MIN;
        assertThat(Cover.parts(APR1, APR1 + 30 * DAY, now, List.of(Granularity.values()))).containsExactly(
                new Part(Granularity.DAY, APR1, APR1 + 19 * DAY),
                new Part(Granularity.HOUR, APR1 + 19 * DAY, APR1 + 19 * DAY + 10 * HOUR),
                new Part(Granularity.MINUTE, APR1 + 19 * DAY + 10 * HOUR, APR1 + 30 * DAY));
    }

    @Test
    void aCoarseWindowIsReadOnlyOnceSettledAndOnlyWhenTheProcessorWritesIt() {
        long justAfterMidnight = APR1 + DAY + MIN; // yesterday closed a minute ago: not settled (2 min)
        assertThat(Cover.parts(APR1, APR1 + DAY + HOUR, justAfterMidnight, List.of(Granularity.values()))).containsExactly(
                new Part(Granularity.HOUR, APR1, APR1 + 23 * HOUR),
                new Part(Granularity.FIVE_MINUTES, APR1 + 23 * HOUR, APR1 + 23 * HOUR + 55 * MIN),
                new Part(Granularity.MINUTE, APR1 + 23 * HOUR + 55 * MIN, APR1 + DAY + HOUR));
        assertThat(Cover.parts(APR1, APR1 + DAY + HOUR, APR1 + DAY + 3 * MIN, List.of(Granularity.values()))).startsWith(
                new Part(Granularity.DAY, APR1, APR1 + DAY));
        // the processor's default writes minutes only (AGENTPULSE_PROCESSOR_GRANULARITIES=1m)
        assertThat(Cover.parts(APR1, APR1 + 30 * DAY, APR1 + 3 * DAY, List.of(Granularity.MINUTE)))
                .containsExactly(new Part(Granularity.MINUTE, APR1, APR1 + 30 * DAY));
        // days at most, though whole weeks lie in April (from Thursday the 2nd)
        assertThat(Cover.parts(APR1, APR1 + 30 * DAY, APR1 + 29 * DAY, List.of(Granularity.values())))
                .first().isEqualTo(new Part(Granularity.DAY, APR1, APR1 + 28 * DAY));
    }
}
