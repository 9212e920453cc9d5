package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.processor.alert.AlertStateMachine.Step;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.KeyParts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Budget rules (kind "budget"): for the processor's budget job (processor/budget), which
 * evaluates them over the rollup tables, the selection of series and one step of an instance, with the
 * same {@link AlertStateMachine} and {@link AlertEvent}s as the topology's rules. The topology skips them.
 * Their parsing and defaults are the rule model's (contract's AlertRule).
 */
public final class BudgetRules {
    private BudgetRules() {}

    /** The next state of an instance (null = inactive, forget it) and the event to publish, if any. */
    public record Outcome(byte[] state, Optional<AlertEvent> event) {}

    /** The enabled budget rules among rule JSONs; a rule that does not parse is reported to {@code invalid} and skipped. */
    public static List<AlertRule> budgetRules(List<String> jsons, Consumer<String> invalid) {
        List<AlertRule> out = new ArrayList<>();
        for (String json : jsons) {
            try {
                AlertRule r = AlertRule.parse(json);
                if (r.enabled() && r.kind() == AlertRule.Kind.BUDGET) {
                    out.add(r);
                }
            } catch (RuntimeException e) {
                invalid.accept(e.getMessage());
            }
        }
        return out;
    }

    /**
     * The grp the rule reads: its group, or, when its selector names a dimension, the prefix of that group's
     * slices by it (every grp starting with the returned string; it then differs from the group).
     */
    public static String grp(AlertRule rule) {
        String dim = Dimensions.selectedDimension(rule.selector().keySet());
        return dim == null ? rule.group() : Dimensions.slicePrefix(rule.group(), dim);
    }

    /** The rollup series key grp|agent|model|operation (parts escaped), as the topology keys a series. */
    public static String seriesKey(String grp, String agent, String model, String operation) {
        return grp + "|" + KeyParts.escape(agent) + "|" + KeyParts.escape(model) + "|" + KeyParts.escape(operation);
    }

    /** True when the rule reads this series (group and selector). */
    public static boolean selects(AlertRule rule, String seriesKey) {
        return AlertProcessor.applies(rule, AlertEvents.labels(seriesKey));
    }

    /** One evaluation of an instance at {@code now}: the state machine fed with the verdict. */
    public static Outcome step(AlertRule rule, String seriesKey, Optional<Verdict> verdict, byte[] prev, long now) {
        AlertInstance before = AlertInstance.decode(prev);
        Step step = AlertStateMachine.step(before, verdict, now, rule.forDuration(), rule.keepFiringFor());
        byte[] next = step.state().phase() == AlertPhase.INACTIVE ? null : step.state().encode();
        return new Outcome(next, step.transition().map(t -> AlertEvents.build(rule, seriesKey, t, before, step.state(), now)));
    }

    /** The rule was deleted or disabled: a firing instance resolves, a pending one is cancelled. */
    public static Optional<AlertEvent> retire(String ruleId, String seriesKey, byte[] prev, long now) {
        AlertInstance before = AlertInstance.decode(prev);
        AlertRule ghost = AlertRule.parse("{\"id\":\"" + ruleId + "\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":1}");
        Step step = AlertStateMachine.step(before, Optional.empty(), now, Duration.ZERO, Duration.ZERO);
        return step.transition().map(t -> {
            AlertEvent e = AlertEvents.build(ghost, seriesKey, t, before, step.state(), now);
            e.getLabels().put("reason", "rule-removed");
            return e;
        });
    }
}
