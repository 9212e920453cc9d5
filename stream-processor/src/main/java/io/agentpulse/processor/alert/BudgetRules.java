package io.agentpulse.processor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Parses budget rules (kind "budget"). Their defaults differ from threshold rules': group "all", warning
 * 0.9 / critical 1.1 of budget_usd for spend, 1.5 / 2 for cost_per_call (factors of the baseline), 1.2 / 1.5
 * for cost_vs_usage; range 1 h for cost_per_call and 24 h for cost_vs_usage (at most 3 days: the state keeps
 * 8 days of hours). budget_usd travels in the record's objective (an SLO's objective, a spend rule's budget).
 */
final class BudgetRules {
    static final double MAX_GROWTH_RANGE_HOURS = 72;

    private BudgetRules() {}

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
