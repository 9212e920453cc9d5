package io.agentpulse.processor.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.InMemoryAlertPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The budget job against a store: spend read from the coarsest tables that hold each span exactly, a
 * rule created late in the month seeing the whole month, runs and restarts that neither repeat nor lose
 * a firing, one instance at a time, a failed publish retried. Run against the in-memory store and
 * against PostgreSQL (ITPgBudget).
 */
abstract class BudgetContract {
    static final long MIN = 60_000L;
    static final long HOUR = 60 * MIN;
    static final long DAY = 24 * HOUR;
    static final long APR1 = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
    /** 10:05 on April 20th: days 1..19 settled in rollup_1d, today's hours 0..9 in rollup_1h, 10:00..10:04 in minutes. */
    static final long APR20_1005 = APR1 + 19 * DAY + 10 * HOUR + 5 * MIN;
    private static final List<Granularity> ALL = List.of(Granularity.values());

    final InMemoryAlertPublisher published = new InMemoryAlertPublisher();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    abstract BudgetStore store();

    /** Stores one rollup row as the sink does (cost USD, calls, input + output tokens split in two). */
    abstract void rollup(Granularity g, String grp, String agent, long windowStart, double cost, long calls, long tokens);

    /** Stores (or, with null, deletes) a rule as the query API does. */
    abstract void rule(String id, String json);

    /** Another processor instance holds (or releases) the job's lock. */
    abstract void lockedElsewhere(boolean held);

    /** A job as a processor (re)started at {@code now} makes it: nothing carried over but the store. */
    BudgetJob job(long now) {
        return new BudgetJob(store(), ALL, published, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), meters);
    }

    /**
     * April 1..19 as the tables hold them when the processor writes every granularity: 10 USD a day in
     * rollup_1d, and the 19th also by hour in rollup_1h (the same 10 USD: read twice, the month would be
     * 10 more); today 1 USD an hour for 00:00..09:59, and 0.1 USD a minute for 10:00..10:04.
     */
    void aMonthOfSpend() {
        for (int d = 0; d < 19; d++) {
            rollup(Granularity.DAY, "all", "*", APR1 + d * DAY, 10, 100, 1000);
        }
        for (int h = 0; h < 24; h++) {
            rollup(Granularity.HOUR, "all", "*", APR1 + 18 * DAY + h * HOUR, 10.0 / 24, 4, 40);
        }
        for (int h = 0; h < 10; h++) {
            rollup(Granularity.HOUR, "all", "*", APR1 + 19 * DAY + h * HOUR, 1, 10, 100);
        }
        for (int m = 0; m < 5; m++) {
            rollup(Granularity.MINUTE, "all", "*", APR1 + 19 * DAY + 10 * HOUR + m * MIN, 0.1, 1, 10);
        }
    }

    private static String monthRule(double budget) {
        return "{\"id\":\"month\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":" + budget + "}";
    }

    @Test
    void aRuleCreatedOnThe20thSeesTheWholeMonthFiresOnceAndResolvesWhenTheBudgetIsRaised() {
        aMonthOfSpend();
        rule("month", monthRule(150)); // created on the 20th: 200.5 spent, critical from 165
        assertThat(job(APR20_1005).runOnce()).isEqualTo(new BudgetJob.Result(true, 1));
        AlertEvent fired = published.published().get(0);
        assertThat(fired.getState()).isEqualTo(AlertState.FIRING);
        assertThat(fired.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(fired.getValue()).isCloseTo(200.5, within(1e-9));
        assertThat(fired.getThreshold()).isCloseTo(165, within(1e-9));
        assertThat(fired.getLabels()).containsEntry("grp", "all").containsEntry("metric", "spend_month").containsEntry("kind", "budget");

        assertThat(job(APR20_1005).runOnce().alertEvents()).isZero();            // the same run again (a replay)
        assertThat(job(APR20_1005 + 30_000).runOnce().alertEvents()).isZero();   // a restarted processor's next run
        assertThat(published.published()).hasSize(1);

        rule("month", monthRule(1000)); // projected 200.5 / (19.42 / 30) = 310: below 110% of 1000 too
        job(APR20_1005 + 60_000).runOnce();
        assertThat(published.published()).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(published.published().get(1).getFingerprint()).isEqualTo(fired.getFingerprint());
        assertThat(published.published().get(1).getStartsAt()).isEqualTo(fired.getStartsAt());
        assertThat(job(APR20_1005 + 90_000).runOnce().alertEvents()).isZero();
    }

    @Test
    void aDayReadsItsSettledHoursThenMinutesAndANewDayStartsAtZero() {
        aMonthOfSpend();
        rule("day", "{\"id\":\"day\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":10}"); // 10.5 today: warning at 9
        job(APR20_1005).runOnce();
        assertThat(published.published()).singleElement().satisfies(e -> {
            assertThat(e.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(e.getValue()).isCloseTo(10.5, within(1e-9));
        });
        job(APR1 + 20 * DAY + MIN).runOnce(); // 00:01 on the 21st: nothing spent today
        assertThat(published.published()).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    }

    @Test
    void aRuleSelectsItsGroupsSeriesOneInstanceEach() {
        long now = APR20_1005;
        for (String agent : List.of("a1", "a2", "b1")) {
            rollup(Granularity.MINUTE, "agent", agent, now - 2 * MIN, agent.equals("a2") ? 1 : 5, 10, 100);
        }
        rollup(Granularity.MINUTE, "all", "*", now - 2 * MIN, 11, 30, 300);
        rule("agents", "{\"id\":\"agents\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":4,\"group\":\"agent\","
                + "\"selector\":{\"agent\":\"a*\"}}");
        job(now).runOnce();
        assertThat(published.published()).singleElement().satisfies(e -> {
            assertThat(e.getLabels()).containsEntry("agent", "a1").containsEntry("grp", "agent");
            assertThat(e.getSeverity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void anotherInstanceHoldingTheLockSkipsTheRunAndAFailedPublishIsRetried() {
        aMonthOfSpend();
        rule("month", monthRule(150));
        lockedElsewhere(true);
        assertThat(job(APR20_1005).runOnce()).isEqualTo(new BudgetJob.Result(false, 0));
        lockedElsewhere(false);
        published.failNext();
        assertThatThrownBy(() -> job(APR20_1005).runOnce()).hasMessageContaining("unavailable");
        assertThat(published.published()).isEmpty();
        assertThat(job(APR20_1005 + 30_000).runOnce().alertEvents()).isEqualTo(1); // the state was rolled back with it
        assertThat(meters.counter("agentpulse_budget_runs_total", "result", "skipped").count()).isEqualTo(1);
        assertThat(meters.counter("agentpulse_budget_runs_total", "result", "ok").count()).isEqualTo(1);
    }

    @Test
    void aDeletedRuleResolvesItsFiringInstance() {
        aMonthOfSpend();
        rule("month", monthRule(150));
        job(APR20_1005).runOnce();
        rule("month", null);
        job(APR20_1005 + 30_000).runOnce();
        assertThat(published.published()).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(published.published().get(1).getLabels()).containsEntry("reason", "rule-removed");
        assertThat(job(APR20_1005 + 60_000).runOnce().alertEvents()).isZero();
    }
}
