package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;
import io.agentpulse.contract.rule.AlertMetric;

import io.agentpulse.processor.alert.AlertStateMachine.Severity;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import java.util.Optional;

/**
 * Turns a rule and a series' state into a verdict at time {@code now}: thresholds, SLO burn rates
 * (multi-window, multi-burn-rate) or anomaly against an EWMA baseline. Pure.
 */
final class Evaluator {
    static final long MIN5 = 5 * 60_000L;
    static final long MIN30 = 30 * 60_000L;
    static final long HOUR = 3_600_000L;
    static final long HOUR6 = 6 * HOUR;

    private Evaluator() {}

    /** The verdict, or empty when the condition does not hold or there are too few samples. */
    static Optional<Verdict> evaluate(AlertRule rule, SeriesState s, long now) {
        return switch (rule.kind()) {
            case THRESHOLD -> threshold(rule, s, now);
            case SLO -> slo(rule, s, now);
            case ANOMALY -> anomaly(rule, s, now);
            case BUDGET -> Optional.empty(); // the budget job's (processor/budget), over the rollup tables
        };
    }

    private static Optional<Verdict> threshold(AlertRule rule, SeriesState s, long now) {
        Measure.Sample m = Measure.over(s, rule.metric(), rule.range().toMillis(), now);
        if (rule.metric() != AlertMetric.NO_DATA && m.samples() < rule.minSamples() || Double.isNaN(m.value())) {
            return Optional.empty();
        }
        return grade(rule, m.value(), m.value(), 0, 1);
    }

    /** Critical: 1 h and 5 min burn both above `critical` (14.4); warning: 6 h and 30 min above `warning` (6). */
    private static Optional<Verdict> slo(AlertRule rule, SeriesState s, long now) {
        double budget = 1 - rule.objective();
        // min_samples applies to the short window of each pair: a burn rate over a handful of calls is noise
        Measure.Sample short5 = Measure.over(s, AlertMetric.ERROR_RATE, MIN5, now);
        double b5 = short5.value() / budget;
        double b1h = Measure.over(s, AlertMetric.ERROR_RATE, HOUR, now).value() / budget;
        if (rule.critical() != null && short5.samples() >= rule.minSamples() && b1h > rule.critical() && b5 > rule.critical()) {
            return Optional.of(new Verdict(Severity.CRITICAL, b1h, rule.critical()));
        }
        Measure.Sample short30 = Measure.over(s, AlertMetric.ERROR_RATE, MIN30, now);
        double b30 = short30.value() / budget;
        double b6h = Measure.over(s, AlertMetric.ERROR_RATE, HOUR6, now).value() / budget;
        if (rule.warning() != null && short30.samples() >= rule.minSamples() && b6h > rule.warning() && b30 > rule.warning()) {
            return Optional.of(new Verdict(Severity.WARNING, b6h, rule.warning()));
        }
        return Optional.empty();
    }

    /** Deviation of the recent value from the series' own baseline, in standard deviations. */
    private static Optional<Verdict> anomaly(AlertRule rule, SeriesState s, long now) {
        SeriesState.Ewma base = s.baselines.get(baselineKey(rule));
        Measure.Sample m = Measure.over(s, rule.metric(), rule.range().toMillis(), now);
        if (base == null || base.n < rule.minHistory() || m.samples() < rule.minSamples() || Double.isNaN(m.value())) {
            return Optional.empty();
        }
        // a floor on the deviation (10% of the mean) keeps a very steady series from alerting on noise
        double sd = Math.max(Math.sqrt(base.var), 0.1 * Math.abs(base.mean) + 1e-9);
        double z = (m.value() - base.mean) / sd;
        return grade(rule, z, m.value(), base.mean, sd);
    }

    /** Compares {@code score} with the thresholds; reports {@code value} and threshold = offset + t x scale. */
    private static Optional<Verdict> grade(AlertRule rule, double score, double value, double offset, double scale) {
        if (rule.critical() != null && rule.comparator().holds(score, rule.critical())) {
            return Optional.of(new Verdict(Severity.CRITICAL, value, offset + rule.critical() * scale));
        }
        if (rule.warning() != null && rule.comparator().holds(score, rule.warning())) {
            return Optional.of(new Verdict(Severity.WARNING, value, offset + rule.warning() * scale));
        }
        return Optional.empty();
    }

    static String baselineKey(AlertRule rule) {
        return rule.metric().label() + "@" + rule.alpha();
    }

    /** Feeds a newly final window into the rule's baseline (once per window). */
    static void learn(AlertRule rule, SeriesState s, long windowStart, SeriesState.Win w) {
        SeriesState.Ewma e = s.baselines.computeIfAbsent(baselineKey(rule), k -> new SeriesState.Ewma());
        double x = Measure.ofWindow(w, rule.metric());
        if (windowStart <= e.lastWindow || Double.isNaN(x) || Measure.samplesOf(w, rule.metric()) < rule.minSamples()) {
            return;
        }
        e.lastWindow = windowStart;
        e.add(x, rule.alpha());
    }
}
