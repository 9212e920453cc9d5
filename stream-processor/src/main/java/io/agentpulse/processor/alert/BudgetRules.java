package io.agentpulse.processor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.processor.alert.AlertStateMachine.Step;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.KeyParts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Budget rules (kind "budget"): parsing, and for the processor's budget job (processor/budget), which
 * evaluates them over the rollup tables, the selection of series and one step of an instance, with the
 * same {@link AlertStateMachine} and {@link AlertEvent}s as the topology's rules. The topology skips them.
 * Parses budget rules. Their defaults differ from threshold rules': group "all", warning
 * 0.9 / critical 1.1 of budget_usd for spend, 1.5 / 2 for cost_per_call (factors of the baseline), 1.2 / 1.5
 * for cost_vs_usage; range 1 h for cost_per_call and 24 h for cost_vs_usage (at most 3 days). budget_usd travels in the record's objective (an SLO's objective, a spend rule's budget).
 */
public final class BudgetRules {
    static final double MAX_GROWTH_RANGE_HOURS = 72;

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

    static AlertRule fromJson(JsonNode n, String id, AlertMetric metric, Map<String, String> sel, List<String> channels) {
        boolean spend = metric == AlertMetric.SPEND_DAY || metric == AlertMetric.SPEND_MONTH;
        double defWarn = spend ? 0.9 : metric == AlertMetric.COST_PER_CALL ? 1.5 : 1.2;
        double defCrit = spend ? 1.1 : metric == AlertMetric.COST_PER_CALL ? 2.0 : 1.5;
        String defRange = metric == AlertMetric.COST_VS_USAGE ? "PT24H" : "PT1H";
        Double budget = AlertRule.number(n, "budget_usd", spend ? null : Double.valueOf(0));
        if (budget == null) {
            throw new IllegalArgumentException("Rule " + id + ": a " + metric.label() + " rule needs the field 'budget_usd' (USD).");
        }
        var range = AlertRule.duration(n, "range", defRange);
        if (metric == AlertMetric.COST_VS_USAGE && range.toHours() > MAX_GROWTH_RANGE_HOURS) {
            throw new IllegalArgumentException("Rule " + id + ": a cost_vs_usage range is at most PT72H, got " + range + ".");
        }
        String summary = spend
                ? "{{rule}}: {{metric}} of {{agent}}/{{model}}/{{operation}} is {{value}} USD (limit {{threshold}} USD)"
                : "{{rule}}: {{metric}} of {{agent}}/{{model}}/{{operation}} is {{value}} ({{comparator}} {{threshold}})";
        return new AlertRule(id, AlertRule.text(n, "name", id), AlertRule.Kind.BUDGET, metric, AlertRule.text(n, "group", "all"), sel,
                AlertRule.Comparator.GE, AlertRule.number(n, "warning", defWarn), AlertRule.number(n, "critical", defCrit),
                n.path("min_samples").asLong(1), range, AlertRule.duration(n, "for", "PT0S"),
                AlertRule.duration(n, "keep_firing_for", "PT0S"), AlertRule.text(n, "summary", summary), budget,
                n.path("alpha").asDouble(0.1), n.path("min_history").asInt(10), channels, n.path("enabled").asBoolean(true));
    }
}
