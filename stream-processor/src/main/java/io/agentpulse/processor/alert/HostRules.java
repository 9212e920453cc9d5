package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;
import io.agentpulse.contract.rule.AlertMetric;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.processor.alert.AlertStateMachine.Severity;
import io.agentpulse.processor.alert.AlertStateMachine.Step;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Host alert rules (metrics host_cpu_*, host_memory_*; group "host"; one instance per host), for
 * the processor's host rollup job, which measures them from the host rollups: the same rule model,
 * the same pure {@link AlertStateMachine} and the same {@link AlertEvent}s on agentpulse.alerts as
 * the rules the topology evaluates, so history, notification and the UI treat them alike. The
 * topology never evaluates them: no rollup series has the group "host".
 */
public final class HostRules {
    private HostRules() {}

    /** A measured value over a rule's range and the heartbeats behind it. */
    public record Sample(double value, long samples) {}

    /** The next state of an instance (null = inactive, forget it) and the event to publish, if any. */
    public record Outcome(byte[] state, Optional<AlertEvent> event) {}

    /** The enabled host rules among rule JSONs; a rule that does not parse is reported to {@code invalid} and skipped. */
    public static List<AlertRule> hostRules(List<String> jsons, java.util.function.Consumer<String> invalid) {
        List<AlertRule> out = new ArrayList<>();
        for (String json : jsons) {
            try {
                AlertRule r = AlertRule.parse(json);
                if (r.enabled() && r.metric().isHost()) {
                    out.add(r);
                }
            } catch (RuntimeException e) {
                invalid.accept(e.getMessage());
            }
        }
        return out;
    }

    public static boolean selects(AlertRule rule, String host) {
        return rule.matches(Map.of("host", host));
    }

    /**
     * The rule's metric from a host's sums over the range; NaN without a sample of that resource.
     *
     * @param cpuMax null when no CPU sample; {@code memMax} likewise
     */
    public static Sample measure(AlertMetric metric, long samples, long cpuN, double cpuSum, Double cpuMax, long memN,
                                 double memSum, Long memMax) {
        return switch (metric) {
            case HOST_CPU_MAX -> new Sample(cpuMax == null ? Double.NaN : cpuMax, cpuN);
            case HOST_CPU_AVG -> new Sample(cpuN == 0 ? Double.NaN : cpuSum / cpuN, cpuN);
            case HOST_MEMORY_MAX -> new Sample(memMax == null ? Double.NaN : memMax, memN);
            case HOST_MEMORY_AVG -> new Sample(memN == 0 ? Double.NaN : memSum / memN, memN);
            default -> throw new IllegalArgumentException(metric.label() + " is not a host metric.");
        };
    }

    /**
     * One evaluation of {@code rule} for {@code host} at {@code now}. A missing sample, too few
     * samples or NaN is "does not hold" (a host that stopped beating resolves after keep_firing_for).
     */
    public static Outcome step(AlertRule rule, String host, Sample sample, byte[] prev, long now) {
        AlertInstance before = AlertInstance.decode(prev);
        Optional<Verdict> verdict = sample == null || sample.samples() < rule.minSamples() || Double.isNaN(sample.value())
                ? Optional.empty() : grade(rule, sample.value());
        Step step = AlertStateMachine.step(before, verdict, now, rule.forDuration(), rule.keepFiringFor());
        byte[] next = step.state().phase() == AlertPhase.INACTIVE ? null : step.state().encode();
        return new Outcome(next, step.transition().map(t -> AlertEvents.build(rule, seriesKey(host), labels(host), t, before,
                step.state(), now)));
    }

    /** The rule was deleted, disabled or lost its host: a firing instance resolves, a pending one is cancelled. */
    public static Optional<AlertEvent> retire(String ruleId, String host, byte[] prev, long now) {
        AlertInstance before = AlertInstance.decode(prev);
        AlertRule ghost = AlertRule.parse("{\"id\":\"" + ruleId + "\",\"metric\":\"host_cpu_max\",\"critical\":1,\"comparator\":\">\"}");
        Step step = AlertStateMachine.step(before, Optional.empty(), now, Duration.ZERO, Duration.ZERO);
        return step.transition().map(t -> {
            AlertEvent e = AlertEvents.build(ghost, seriesKey(host), labels(host), t, before, step.state(), now);
            e.getLabels().put("reason", "rule-removed");
            return e;
        });
    }

    /** The fingerprint's series part: never equal to a call series key (those have four parts). */
    static String seriesKey(String host) {
        return "host|" + host;
    }

    private static Map<String, String> labels(String host) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("grp", "host");
        m.put("host", host);
        return m;
    }

    private static Optional<Verdict> grade(AlertRule rule, double value) {
        if (rule.critical() != null && rule.comparator().holds(value, rule.critical())) {
            return Optional.of(new Verdict(Severity.CRITICAL, value, rule.critical()));
        }
        if (rule.warning() != null && rule.comparator().holds(value, rule.warning())) {
            return Optional.of(new Verdict(Severity.WARNING, value, rule.warning()));
        }
        return Optional.empty();
    }
}
