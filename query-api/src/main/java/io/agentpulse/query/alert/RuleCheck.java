package io.agentpulse.query.alert;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * Checks rule JSON before it is stored and published (the processor validates again and skips a
 * rule it cannot use, counting it). Mirrors the fields of the processor's AlertRule.
 */
final class RuleCheck {
    static final Set<String> KINDS = Set.of("threshold", "slo", "anomaly", "budget");
    static final Set<String> METRICS = Set.of("error_rate", "latency_p50", "latency_p95", "latency_p99", "ttft_p95",
            "request_rate", "tokens_per_minute", "cost_per_hour", "feedback_score", "no_data",
            "host_cpu_max", "host_cpu_avg", "host_memory_max", "host_memory_avg");
    /** Budget rules' metrics (kind budget only; the processor's Budgets). */
    static final Set<String> BUDGET_METRICS = Set.of("spend_day", "spend_month", "cost_per_call", "cost_vs_usage");
    /** Host metrics: group "host" (one instance per host), threshold rules, selector by host only (as AlertRule). */
    static final Set<String> HOST_METRICS = Set.of("host_cpu_max", "host_cpu_avg", "host_memory_max", "host_memory_avg");
    static final Set<String> GROUPS = Set.of("series", "agent", "model", "operation", "all", "host");
    static final Set<String> COMPARATORS = Set.of(">", ">=", "<", "<=");

    private RuleCheck() {}

    /** Returns the rule; throws IllegalArgumentException with a sentence naming the field. */
    static JsonObject check(JsonObject r) {
        String id = r.getString("id");
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("The rule needs an 'id' of 1-100 letters, digits, '.', '_' or '-'.");
        }
        String kind = r.getString("kind", "threshold");
        oneOf("kind", kind, KINDS);
        if ("budget".equals(kind)) {
            BudgetCheck.check(r);
        } else if (!"slo".equals(kind)) {
            oneOf("metric", r.getString("metric"), METRICS);
        }
        boolean host = r.getValue("metric") instanceof String m && HOST_METRICS.contains(m);
        String group = r.getString("group", host ? "host" : "agent");
        oneOf("group", group, GROUPS);
        if (host != "host".equals(group) || host && !"threshold".equals(kind)) {
            throw new IllegalArgumentException("The rule field 'group' is '" + group + "': the host metrics (host_cpu_*,"
                    + " host_memory_*) go with group 'host' and kind 'threshold', and group 'host' only with them.");
        }
        if ("threshold".equals(kind)) {
            String metric = r.getString("metric");
            // defaults as the processor's AlertRule: ">" for no_data, "<" for feedback_score (a score falling)
            String dflt = "no_data".equals(metric) ? ">" : "feedback_score".equals(metric) ? "<" : null;
            oneOf("comparator", r.getString("comparator", dflt), COMPARATORS);
            if (!(r.getValue("warning") instanceof Number) && !(r.getValue("critical") instanceof Number)) {
                throw new IllegalArgumentException("A threshold rule needs a numeric 'warning' or 'critical'.");
            }
            if ("feedback_score".equals(metric)) {
                for (String f : new String[] {"warning", "critical"}) {
                    if (r.getValue(f) instanceof Number n && !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                        throw new IllegalArgumentException("The rule field '" + f + "' of a feedback_score rule is a score"
                                + " between 0 and 1, got " + n + ".");
                    }
                }
            }
        }
        if ("slo".equals(kind)) {
            Object o = r.getValue("objective", 0.995);
            if (!(o instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() >= 1) {
                throw new IllegalArgumentException("An SLO rule's 'objective' must be a number strictly between 0 and 1.");
            }
        }
        for (String f : new String[] {"range", "for", "keep_firing_for"}) {
            if (r.containsKey(f)) {
                duration(f, r.getValue(f));
            }
        }
        JsonObject sel = r.getJsonObject("selector", new JsonObject());
        for (String k : sel.fieldNames()) {
            if (host && !"host".equals(k)) {
                throw new IllegalArgumentException("Unknown selector label '" + k + "' for a host rule; expected [host].");
            }
        }
        String problem = host ? null : io.agentpulse.contract.Dimensions.selectorProblem(sel.fieldNames());
        if (problem != null) { // the processor's check (AlertRule), so a rule saved here is a rule evaluated there
            throw new IllegalArgumentException(Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + ".");
        }
        channels(r.getValue("channels"));
        return r;
    }

    /** "channels": a list of routes, each "id", "id:critical" (a minimum severity) or "*" (every channel). */
    private static void channels(Object v) {
        if (v == null) {
            return;
        }
        if (!(v instanceof io.vertx.core.json.JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String))) {
            throw new IllegalArgumentException("The rule field 'channels' must be a list of texts such as \"ops-hook\", \"pager:critical\" or \"*\".");
        }
        a.forEach(x -> io.agentpulse.notify.Route.parse((String) x));
    }

    static void oneOf(String field, String v, Set<String> allowed) {
        if (v == null || !allowed.contains(v)) {
            throw new IllegalArgumentException("The rule field '" + field + "' is '" + v + "' but must be one of " + allowed + ".");
        }
    }

    static void duration(String field, Object v) {
        try {
            String s = String.valueOf(v);
            Duration d = s.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(s)) : Duration.parse(s);
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The rule field '" + field + "' must be an ISO-8601 duration (PT5M) or seconds, got '" + v + "'.");
        }
    }
}
