package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.store.FeedbackStep;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.query.store.RollupRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Quality view's feedback per day: today's scores live in the hour and minute tables until the day
 * closes (the processor writes a day row then), so today's step reads them there, as the cost chart does.
 */
class QualityTodayTest {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final long APR19 = Instant.parse("2026-04-19T00:00:00Z").toEpochMilli();
    private static final long NOW = APR19 + DAY + 10 * HOUR + 5 * MIN; // 10:05 on the 20th

    private static RollupRow row(Granularity g, long start, long scores) {
        long[] histogram = new long[10];
        histogram[9] = scores;
        return new RollupRow(g, "all", "*", "*", "*", start, 10, 0, 0, 0, 0, 0, null,
                new RollupRow.Feedback(scores, scores, histogram));
    }

    @Test
    void todaysStepHoldsTheScoresOfItsHoursAndMinutes() {
        InMemoryRollupReader reader = new InMemoryRollupReader().put(row(Granularity.DAY, APR19, 24));
        for (int h = 0; h < 24; h++) {
            reader.put(row(Granularity.HOUR, APR19 + h * HOUR, 1)); // yesterday's hours: read once only, as its day
        }
        for (int h = 0; h < 10; h++) {
            reader.put(row(Granularity.HOUR, APR19 + DAY + h * HOUR, 2));
        }
        for (int m = 0; m < 5; m++) {
            reader.put(row(Granularity.MINUTE, APR19 + DAY + 10 * HOUR + m * MIN, 1));
        }
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        Breakdowns b = new Breakdowns(reader, new Planner(EnumSet.allOf(Granularity.class), clock, Planner.SETTLE));
        List<FeedbackStep> steps = b.feedbackPerStep(new Filters(null, null, null), APR19, APR19 + 2 * DAY, DAY).result();
        assertThat(steps).extracting(FeedbackStep::startMs).containsExactly(APR19, APR19 + DAY);
        assertThat(steps.get(0).sums().count()).isEqualTo(24);
        assertThat(steps.get(1).sums().count()).as("was 0 until midnight: only the day table was read").isEqualTo(25);
    }
}
