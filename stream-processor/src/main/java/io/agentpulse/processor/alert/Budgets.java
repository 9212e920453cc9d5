package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.processor.alert.AlertStateMachine.Severity;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Verdicts of budget rules (kind "budget"), pure: a rule, the series' sums over the spans it reads
 * ({@link #spans}, given back through {@link Totals}) and the time. The processor's budget job reads the
 * sums from the rollup tables (processor/budget/BudgetJob); nothing here does I/O.
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
public final class Budgets {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final long BASELINE_MS = 7 * DAY;

    private Budgets() {}

    /** Cost (USD), calls and tokens (input + output) of one series over one span. */
    public record Sums(double cost, long calls, long tokens) {
        public static final Sums ZERO = new Sums(0, 0, 0);

        public Sums plus(Sums o) {
            return new Sums(cost + o.cost, calls + o.calls, tokens + o.tokens);
        }
    }

    /** A span [from, to) in epoch ms; {@code to} may lie after now (the current hour, day or month). */
    public record Span(long from, long to) {}

    /** The series' sums over a span that {@link #spans} named. */
    @FunctionalInterface
    public interface Totals {
        Sums over(Span span);
    }

    /** The spans the rule's verdict at {@code now} reads (a job reads these and nothing else). */
    public static List<Span> spans(AlertRule rule, long now) {
        long to = Math.floorDiv(now, HOUR) * HOUR + HOUR; // the current hour included
        long len = hours(rule);
        return switch (rule.metric()) {
            case SPEND_DAY -> List.of(today(now));
            case SPEND_MONTH -> List.of(month(now));
            case COST_PER_CALL -> List.of(new Span(to - len, to), new Span(to - len - BASELINE_MS, to - len));
            case COST_VS_USAGE -> List.of(new Span(to - len, to), new Span(to - 2 * len, to - len));
            default -> List.of();
        };
    }

    /** The verdict at {@code now} from the sums over {@link #spans}; empty when it does not hold. */
    public static Optional<Verdict> evaluate(AlertRule rule, Totals t, long now) {
        List<Span> spans = spans(rule, now);
        return switch (rule.metric()) {
            case SPEND_DAY -> spend(rule, t.over(spans.get(0)).cost(), Double.NaN);
            case SPEND_MONTH -> month(rule, t.over(spans.get(0)).cost(), now);
            case COST_PER_CALL -> perCall(rule, t.over(spans.get(0)), t.over(spans.get(1)));
            case COST_VS_USAGE -> growth(rule, t.over(spans.get(0)), t.over(spans.get(1)));
            default -> Optional.empty();
        };
    }

    private static Span today(long now) {
        long start = Math.floorDiv(now, DAY) * DAY;
        return new Span(start, start + DAY);
    }

    private static Span month(long now) {
        YearMonth ym = YearMonth.from(Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC));
        return new Span(ym.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                ym.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    }

    private static Optional<Verdict> month(AlertRule rule, double spent, long now) {
        Span m = month(now);
        long start = m.from();
        long end = m.to();
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

    private static Optional<Verdict> perCall(AlertRule rule, Sums recent, Sums base) {
        if (recent.calls() < Math.max(1, rule.minSamples()) || base.calls() < Math.max(1, rule.minHistory()) || base.cost() <= 0) {
            return Optional.empty();
        }
        double baseline = base.cost() / base.calls();
        return factor(rule, recent.cost() / recent.calls() / baseline, recent.cost() / recent.calls(), baseline);
    }

    private static Optional<Verdict> growth(AlertRule rule, Sums cur, Sums prev) {
        long min = Math.max(1, rule.minSamples());
        if (cur.calls() < min || prev.calls() < min || prev.cost() <= 0 || prev.tokens() <= 0 || cur.tokens() <= 0) {
            return Optional.empty();
        }
        double ratio = (cur.cost() / prev.cost()) / ((double) cur.tokens() / prev.tokens());
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
