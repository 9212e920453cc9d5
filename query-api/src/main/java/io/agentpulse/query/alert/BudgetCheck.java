package io.agentpulse.query.alert;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Checks a budget rule (kind "budget") as the processor's AlertRule/BudgetRules will: spend_day and
 * spend_month need a positive budget_usd; thresholds (warning, critical) are numbers when given (fractions of
 * the budget for spend, factors for cost_per_call and cost_vs_usage); cost_vs_usage's range is at most 72 h.
 */
final class BudgetCheck {
    private BudgetCheck() {}

    static void check(JsonObject r) {
        String metric = r.getString("metric");
        RuleCheck.oneOf("metric", metric, RuleCheck.BUDGET_METRICS);
        Object budget = r.getValue("budget_usd");
        boolean spend = metric.startsWith("spend_");
        if (spend && (!(budget instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue()))) {
            throw new IllegalArgumentException("The rule field 'budget_usd' must be a positive number of USD for " + metric + ", got " + budget + ".");
        }
        if (budget != null && !(budget instanceof Number)) {
            throw new IllegalArgumentException("The rule field 'budget_usd' must be a number, got " + budget + ".");
        }
        for (String f : new String[] {"warning", "critical"}) {
            Object v = r.getValue(f);
            if (v != null && (!(v instanceof Number n) || !(n.doubleValue() > 0))) {
                throw new IllegalArgumentException("The rule field '" + f + "' must be a positive number, got " + v + ".");
            }
        }
        if ("cost_vs_usage".equals(metric) && r.getValue("range") != null) {
            RuleCheck.duration("range", r.getValue("range"));
            String s = String.valueOf(r.getValue("range"));
            Duration d = s.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(s)) : Duration.parse(s);
            if (d.toHours() > 72) {
                throw new IllegalArgumentException("The rule field 'range' of a cost_vs_usage rule is at most PT72H, got " + s + ".");
            }
        }
    }
}
