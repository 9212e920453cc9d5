package io.agentpulse.processor.alert;

import io.agentpulse.processor.alert.AlertStateMachine.Severity;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Verdicts of budget rules (kind "budget"), pure: a rule, the series' {@link BudgetState} and the time.
 * <ul>
 * <li>spend_day / spend_month: spend of the current UTC day / month against {@code budget_usd}; warning
 *     at {@code warning} (0.9) x budget, critical at {@code critical} (1.1) x budget. spend_month also warns
 *     when the month-end projection (spend / elapsed fraction of the month, once a day of it has passed)
 *     reaches critical x budget: the overrun is announced while it can still be avoided.</li>
 * <li>cost_per_call: cost per call over the rule's range (default 1 h, whole hours, the current one
 *     included) against the series' own baseline, the mean cost per call of the 7 days before it;
 *     thresholds are factors (warning 1.5, critical 2).</li>
 * <li>cost_vs_usage: cost growth over usage (token) growth, the last range (default 24 h) against the
 *     range before it; 1 = cost grew as usage did; thresholds are factors (warning 1.2, critical 1.5).</li>
 * </ul>
 * Reported value and threshold are in USD for spend and cost per call, a factor for cost_vs_usage.
 */
final class Budgets {
    static final long HOUR = BudgetState.HOUR;
    static final long DAY = BudgetState.DAY;
    static final long BASELINE_MS = 7 * DAY;

    private Budgets() {}

    static Optional<Verdict> evaluate(AlertRule rule, BudgetState b, long now) {
        if (b == null) {
            return Optional.empty();
        }
        return switch (rule.metric()) {
            case SPEND_DAY -> spend(rule, b.days(Math.floorDiv(now, DAY) * DAY, Long.MAX_VALUE).cost, Double.NaN);
            case SPEND_MONTH -> month(rule, b, now);
            case COST_PER_CALL -> perCall(rule, b, now);
            case COST_VS_USAGE -> growth(rule, b, now);
            default -> Optional.empty();
        };
    }

    private static Optional<Verdict> month(AlertRule rule, BudgetState b, long now) {
        YearMonth ym = YearMonth.from(Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC));
        long start = ym.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = ym.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        double spent = b.days(start, end).cost;
        double elapsed = (double) (now - start) / (end - start);
        double projected = now - start >= DAY ? spent / elapsed : Double.NaN;
        return spend(rule, spent, projected);
    }

    /** Spend against the budget (rule.objective() holds budget_usd); projection NaN = none. */
    static Optional<Verdict> spend(AlertRule rule, double spent, double projected) {
        double budget = rule.objective();
        if (rule.critical() != null && reaches(spent, rule.critical() * budget)) {
            return Optional.of(new Verdict(Severity.CRITICAL, spent, rule.critical() * budget));
        }
        if (rule.warning() != null && reaches(spent, rule.warning() * budget)) {
            return Optional.of(new Verdict(Severity.WARNING, spent, rule.warning() * budget));
        }
        double limit = (rule.critical() != null ? rule.critical() : 1.0) * budget;
        if (!Double.isNaN(projected) && reaches(projected, limit)) {
            return Optional.of(new Verdict(Severity.WARNING, projected, limit)); // the projection, not yet the spend
        }
        return Optional.empty();
    }

    /** value >= limit, give or take float rounding (1.1 x 100 is 110.00000000000001; 110 spent reaches it). */
    static boolean reaches(double value, double limit) {
        return value >= limit - 1e-9 * Math.abs(limit);
    }

    private static Optional<Verdict> perCall(AlertRule rule, BudgetState b, long now) {
        long to = Math.floorDiv(now, HOUR) * HOUR + HOUR; // the current hour included
        long from = to - hours(rule);
        BudgetState.Bucket recent = b.hours(from, to);
        BudgetState.Bucket base = b.hours(from - BASELINE_MS, from);
        if (recent.calls < Math.max(1, rule.minSamples()) || base.calls < Math.max(1, rule.minHistory()) || base.cost <= 0) {
            return Optional.empty();
        }
        double baseline = base.cost / base.calls;
        return factor(rule, recent.cost / recent.calls / baseline, recent.cost / recent.calls, baseline);
    }

    private static Optional<Verdict> growth(AlertRule rule, BudgetState b, long now) {
        long to = Math.floorDiv(now, HOUR) * HOUR + HOUR;
        long len = hours(rule);
        BudgetState.Bucket cur = b.hours(to - len, to);
        BudgetState.Bucket prev = b.hours(to - 2 * len, to - len);
        long min = Math.max(1, rule.minSamples());
        if (cur.calls < min || prev.calls < min || prev.cost <= 0 || prev.tokens <= 0 || cur.tokens <= 0) {
            return Optional.empty();
        }
        double ratio = (cur.cost / prev.cost) / ((double) cur.tokens / prev.tokens);
        return factor(rule, ratio, ratio, 1.0);
    }

    /** The range in whole hours, at least one. */
    private static long hours(AlertRule rule) {
        return Math.max(1, (rule.range().toMillis() + HOUR - 1) / HOUR) * HOUR;
    }

    private static Optional<Verdict> factor(AlertRule rule, double factor, double value, double base) {
        if (rule.critical() != null && reaches(factor, rule.critical())) {
            return Optional.of(new Verdict(Severity.CRITICAL, value, base * rule.critical()));
        }
        if (rule.warning() != null && reaches(factor, rule.warning())) {
            return Optional.of(new Verdict(Severity.WARNING, value, base * rule.warning()));
        }
        return Optional.empty();
    }
}
