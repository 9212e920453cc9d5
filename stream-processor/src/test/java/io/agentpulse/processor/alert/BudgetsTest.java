package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.processor.alert.AlertStateMachine.Severity;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Budget verdicts at explicit times over explicit sums (no clock, no database). */
class BudgetsTest {
    private static final long HOUR = Budgets.HOUR;
    private static final long DAY = Budgets.DAY;
    private static final long APR1 = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli(); // April: 30 days

    private static AlertRule rule(String json) {
        return AlertRule.parse(json);
    }

    private static Optional<Severity> severity(AlertRule r, Hours b, long now) {
        return Budgets.evaluate(r, b, now).map(Verdict::severity);
    }

    @Test
    void dailySpendWarnsAt90AndIsCriticalAt110PercentOfItsBudgetAndANewDayStartsAtZero() {
        AlertRule r = rule("{\"id\":\"d\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":100}");
        assertThat(r.group()).isEqualTo("all");
        Hours b = new Hours();
        long noon = APR1 + 12 * HOUR;
        b.add(APR1 + HOUR, 89.99, 10, 1000);
        assertThat(severity(r, b, noon)).isEmpty();
        b.add(APR1 + 2 * HOUR, 0.01, 1, 10);
        Verdict w = Budgets.evaluate(r, b, noon).orElseThrow();
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        assertThat(w.value()).isCloseTo(90.0, within(1e-9));
        assertThat(w.threshold()).isCloseTo(90.0, within(1e-9));
        b.add(APR1 + 3 * HOUR, 20, 1, 10);
        assertThat(severity(r, b, noon)).contains(Severity.CRITICAL);
        assertThat(severity(r, b, APR1 + DAY)).isEmpty(); // midnight UTC: today's spend is 0
    }

    @Test
    void monthlySpendWarnsOnTheMonthEndProjectionBeforeTheSpendItself() {
        AlertRule r = rule("{\"id\":\"m\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":3000}");
        Hours b = new Hours();
        long day10 = APR1 + 10 * DAY; // a third of April gone
        for (int d = 0; d < 10; d++) {
            b.add(APR1 + d * DAY, 105, 100, 1000); // 1050 spent: 35% of budget, projected 3150 = 105%
        }
        assertThat(severity(r, b, day10)).isEmpty(); // 3150 < 110% of 3000
        b.add(APR1 + 9 * DAY, 60, 1, 1); // 1110: projected 3330 = 111%
        Verdict v = Budgets.evaluate(r, b, day10).orElseThrow();
        assertThat(v.severity()).isEqualTo(Severity.WARNING);
        assertThat(v.value()).isCloseTo(3330, within(1e-6));
        assertThat(v.threshold()).isCloseTo(3300, within(1e-6));
        // the first day of a month projects nothing (one hour of spend x 720 is noise)
        Hours early = new Hours();
        early.add(APR1, 10, 1, 1);
        assertThat(severity(r, early, APR1 + HOUR)).isEmpty();
        // March's spend is not April's
        Hours march = new Hours();
        march.add(APR1 - DAY, 5000, 1, 1);
        assertThat(severity(r, march, APR1 + 2 * DAY)).isEmpty();
        assertThat(severity(r, march, APR1 - HOUR)).contains(Severity.CRITICAL);
    }

    @Test
    void costPerCallIsComparedWithTheSeriesOwnSevenDayMean() {
        AlertRule r = rule("{\"id\":\"c\",\"kind\":\"budget\",\"metric\":\"cost_per_call\"}");
        assertThat(r.range().toHours()).isEqualTo(1);
        long now = APR1 + 8 * DAY + 30 * 60_000L; // 00:30 on the 9th
        Hours b = new Hours();
        for (int h = 1; h <= 7 * 24; h++) {
            b.add(APR1 + 8 * DAY - h * HOUR, 1.0, 100, 0); // 0.01 USD per call for a week
        }
        b.add(APR1 + 8 * DAY, 1.9, 100, 0); // this hour: 0.019 per call = 1.9 x
        Verdict w = Budgets.evaluate(r, b, now).orElseThrow();
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        assertThat(w.value()).isCloseTo(0.019, within(1e-12));
        assertThat(w.threshold()).isCloseTo(0.015, within(1e-12));
        b.add(APR1 + 8 * DAY, 0.2, 0, 0); // 0.021: over 2 x
        assertThat(severity(r, b, now)).contains(Severity.CRITICAL);
        assertThat(severity(r, new Hours(), now)).isEmpty(); // no baseline: no verdict
    }

    @Test
    void costGrowingFasterThanUsageFiresAndProportionalGrowthDoesNot() {
        AlertRule r = rule("{\"id\":\"g\",\"kind\":\"budget\",\"metric\":\"cost_vs_usage\",\"range\":\"PT24H\"}");
        long now = APR1 + 2 * DAY + 5 * 60_000L; // 00:05 on the 3rd: the last 24 h end with this hour
        Hours b = new Hours();
        b.add(APR1 + HOUR, 10, 100, 1_000);          // yesterday-but-one period
        b.add(APR1 + DAY + 12 * HOUR, 20, 200, 2_000); // usage x2, cost x2
        assertThat(severity(r, b, now)).isEmpty();
        b.add(APR1 + DAY + 13 * HOUR, 10, 0, 0);     // cost x3 for usage x2: 1.5
        Verdict v = Budgets.evaluate(r, b, now).orElseThrow();
        assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(v.value()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void budgetRulesAreValidatedAndRoundTrip() {
        assertThatThrownBy(() -> rule("{\"id\":\"x\",\"kind\":\"budget\",\"metric\":\"spend_day\"}")).hasMessageContaining("budget_usd");
        assertThatThrownBy(() -> rule("{\"id\":\"x\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":0}"))
                .hasMessageContaining("positive budget_usd");
        assertThatThrownBy(() -> rule("{\"id\":\"x\",\"kind\":\"budget\",\"metric\":\"error_rate\"}")).hasMessageContaining("kind budget");
        assertThatThrownBy(() -> rule("{\"id\":\"x\",\"metric\":\"spend_day\",\"comparator\":\">\",\"critical\":1}"))
                .hasMessageContaining("kind budget");
        assertThatThrownBy(() -> rule("{\"id\":\"x\",\"kind\":\"budget\",\"metric\":\"cost_vs_usage\",\"range\":\"PT96H\"}"))
                .hasMessageContaining("PT72H");
        AlertRule r = rule("{\"id\":\"m\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":250,\"group\":\"agent\"}");
        AlertRule again = AlertRule.parse(r.toJson());
        assertThat(again).isEqualTo(r);
        assertThat(again.objective()).isEqualTo(250.0);
        assertThat(again.warning()).isEqualTo(0.9);
        assertThat(again.critical()).isEqualTo(1.1);
    }

    @Test
    void theSpansReadAreTheDayTheMonthAndTheHoursOfRangeAndBaseline() {
        long now = APR1 + 19 * DAY + 10 * HOUR + 5 * 60_000L; // 10:05 on April 20th
        AlertRule day = rule("{\"id\":\"d\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":1}");
        AlertRule month = rule("{\"id\":\"m\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":1}");
        AlertRule perCall = rule("{\"id\":\"c\",\"kind\":\"budget\",\"metric\":\"cost_per_call\",\"range\":\"PT2H\"}");
        assertThat(Budgets.spans(day, now)).containsExactly(new Budgets.Span(APR1 + 19 * DAY, APR1 + 20 * DAY));
        assertThat(Budgets.spans(month, now)).containsExactly(new Budgets.Span(APR1, APR1 + 30 * DAY)); // the whole of April
        long to = APR1 + 19 * DAY + 11 * HOUR; // the current hour included
        assertThat(Budgets.spans(perCall, now)).containsExactly(new Budgets.Span(to - 2 * HOUR, to),
                new Budgets.Span(to - 2 * HOUR - 7 * DAY, to - 2 * HOUR));
    }

    /** Sums per UTC hour; a span's sums are those of the hours starting in it (what the job reads from the tables). */
    private static final class Hours implements Budgets.Totals {
        private final TreeMap<Long, Budgets.Sums> hours = new TreeMap<>();

        void add(long at, double cost, long calls, long tokens) {
            hours.merge(Math.floorDiv(at, HOUR) * HOUR, new Budgets.Sums(cost, calls, tokens), Budgets.Sums::plus);
        }

        @Override
        public Budgets.Sums over(Budgets.Span span) {
            return hours.subMap(span.from(), true, span.to(), false).values().stream()
                    .reduce(Budgets.Sums.ZERO, Budgets.Sums::plus);
        }
    }
}
