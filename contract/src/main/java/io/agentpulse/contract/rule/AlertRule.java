package io.agentpulse.contract.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentpulse.contract.Dimensions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One alert rule, as data: the JSON on agentpulse.alert-rules (key = id) and in PostgreSQL. The one
 * validator of rules: the query API's rule routes parse with {@link #parse} before storing, the
 * processor parses again before evaluating, so a rule the API accepts is a rule the processor evaluates.
 * Thresholds are in the metric's unit; for SLO rules they are burn-rate factors (default 6 and
 * 14.4), for anomaly rules deviations from the baseline in standard deviations (default 3 and 5).
 *
 * @param group        which rollup group the rule reads (series, agent, model, operation, all): one
 *                     alert instance per matching series of that group
 * @param selector     glob per label (agent, model, operation, environment); absent = "*"
 * @param minSamples   fewer calls than this in the range: no verdict (the state is left alone)
 * @param range        trailing range the metric is computed over
 */
public record AlertRule(String id, String name, Kind kind, AlertMetric metric, String group, Map<String, String> selector,
                        Comparator comparator, Double warning, Double critical, long minSamples, Duration range,
                        Duration forDuration, Duration keepFiringFor, String summary, double objective,
                        double alpha, int minHistory, List<String> channels, boolean enabled) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The label naming the dimension a series is sliced by (absent: an unsliced series). */
    public static final String DIMENSION = "dimension";
    /** A cost_vs_usage rule compares the last range with the one before: at most 3 days back each. */
    static final double MAX_GROWTH_RANGE_HOURS = 72;
    static final Set<String> GROUPS = Set.of("series", "agent", "model", "operation", "all", "host");
    /** The one selector label of host rules (group "host"). */
    static final Set<String> HOST_LABELS = Set.of("host");

    /** BUDGET: spend against budget_usd, cost per call against its baseline, cost against usage growth (Budgets). */
    public enum Kind { THRESHOLD, SLO, ANOMALY, BUDGET }

    public enum Comparator {
        GT(">"), GE(">="), LT("<"), LE("<=");
        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(double value, double threshold) {
            return switch (this) {
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case LT -> value < threshold;
                case LE -> value <= threshold;
            };
        }

        static Comparator parse(String s) {
            for (Comparator c : values()) {
                if (c.symbol.equals(s.trim()) || c.name().equalsIgnoreCase(s.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("Unknown comparator '" + s + "'; expected >, >=, < or <=.");
        }
    }

    public AlertRule {
        checkId(id);
        if (!GROUPS.contains(group)) {
            throw new IllegalArgumentException("Rule " + id + ": group must be one of " + GROUPS + ", got '" + group + "'.");
        }
        if (metric.isHost() != "host".equals(group) || metric.isHost() && kind != Kind.THRESHOLD) {
            throw new IllegalArgumentException("Rule " + id + ": the host metrics (host_cpu_*, host_memory_*) go with group"
                    + " 'host' and kind 'threshold', and group 'host' only with them.");
        }
        if ("host".equals(group) && !HOST_LABELS.containsAll(selector.keySet())) {
            throw new IllegalArgumentException("Rule " + id + ": a host rule selects by 'host' only, got " + selector.keySet() + ".");
        }
        if (warning == null && critical == null) {
            throw new IllegalArgumentException("Rule " + id + " needs a warning or a critical threshold.");
        }
        if (range.isNegative() || range.isZero() || forDuration.isNegative() || keepFiringFor.isNegative()) {
            throw new IllegalArgumentException("Rule " + id + ": range must be positive, for and keep_firing_for not negative.");
        }
        if (kind == Kind.THRESHOLD && metric == AlertMetric.FEEDBACK_SCORE) {
            inUnit(id, "warning", warning);
            inUnit(id, "critical", critical);
        }
        if (kind == Kind.SLO && !(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException("Rule " + id + ": an SLO objective must lie strictly between 0 and 1, got " + objective + ".");
        }
        if ((kind == Kind.BUDGET) != metric.isBudget()) {
            throw new IllegalArgumentException("Rule " + id + ": the metrics spend_day, spend_month, cost_per_call and "
                    + "cost_vs_usage go with kind budget, and kind budget takes only them; got " + kind + " / " + metric.label() + ".");
        }
        if (kind == Kind.BUDGET && (metric == AlertMetric.SPEND_DAY || metric == AlertMetric.SPEND_MONTH) && !(objective > 0)) {
            throw new IllegalArgumentException("Rule " + id + ": a spend rule needs a positive budget_usd, got " + objective + ".");
        }
        selector = Map.copyOf(selector);
        channels = List.copyOf(channels);
    }

    /** First of all (a sentence about the id before any other field's). */
    private static void checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("The rule field 'id' must be 1-100 letters, digits, '.', '_' or '-', got '" + id + "'.");
        }
    }

    /** A feedback_score threshold is a score in [0, 1]. */
    private static void inUnit(String id, String field, Double v) {
        if (v != null && !(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("Rule " + id + ": the rule field '" + field + "' of a feedback_score rule is a"
                    + " score between 0 and 1, got " + v + ".");
        }
    }

    /** True when every selector glob matches the series' label (absent labels read "*"). */
    public boolean matches(Map<String, String> labels) {
        // a series sliced by a dimension is for the rules that select by exactly that dimension, an
        // unsliced one for the rules that select by none (docs/CONTRACTS.md, "Dimensions")
        if (!java.util.Objects.equals(labels.get(DIMENSION), Dimensions.selectedDimension(selector.keySet()))
                && !"host".equals(group)) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!Glob.matches(e.getValue(), labels.getOrDefault(e.getKey(), "*"))) {
                return false;
            }
        }
        return true;
    }

    /** Parses and validates rule JSON; throws IllegalArgumentException with a sentence on bad input. */
    public static AlertRule parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("A rule must be a JSON object: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("A rule must be a JSON object.");
        }
        return fromJson(n);
    }

    /** As {@link #parse}, from a parsed JSON object (the default rules' file). */
    public static AlertRule fromJson(JsonNode n) {
        String id = text(n, "id", null);
        checkId(id);
        Kind kind = kind(text(n, "kind", "threshold"));
        AlertMetric metric = AlertMetric.parse(text(n, "metric", kind == Kind.SLO ? "error_rate" : null));
        Map<String, String> sel = new java.util.TreeMap<>();
        if (n.hasNonNull("selector")) {
            n.get("selector").fields().forEachRemaining(e -> {
                if (metric.isHost() && !HOST_LABELS.contains(e.getKey())) {
                    throw new IllegalArgumentException("Rule " + id + ": unknown selector label '" + e.getKey() + "'; expected " + HOST_LABELS + ".");
                }
                sel.put(e.getKey(), e.getValue().asText());
            });
        }
        String problem = metric.isHost() ? null : Dimensions.selectorProblem(sel.keySet());
        if (problem != null) {
            throw new IllegalArgumentException("Rule " + id + ": " + problem + ".");
        }
        List<String> channels = channels(n.get("channels"));
        if (kind == Kind.BUDGET) {
            return budget(n, id, metric, sel, channels);
        }
        Double warn = number(n, "warning", kind == Kind.SLO ? Double.valueOf(6.0) : kind == Kind.ANOMALY ? Double.valueOf(3.0) : null);
        Double crit = number(n, "critical", kind == Kind.SLO ? Double.valueOf(14.4) : kind == Kind.ANOMALY ? Double.valueOf(5.0) : null);
        String group = text(n, "group", metric.isHost() ? "host" : "agent");
        String summary = "host".equals(group) ? "{{rule}}: {{metric}} of host {{host}} is {{value}} ({{comparator}} {{threshold}})"
                : "{{rule}}: {{metric}} of {{agent}}/{{model}}/{{operation}} is {{value}} ({{comparator}} {{threshold}})";
        return new AlertRule(id, text(n, "name", id), kind, metric, group, sel,
                Comparator.parse(text(n, "comparator", defaultComparator(kind, metric))),
                warn, crit, n.path("min_samples").asLong(kind == Kind.SLO ? 10 : 1), duration(n, "range", "PT5M"),
                duration(n, "for", "PT0S"), duration(n, "keep_firing_for", "PT0S"),
                text(n, "summary", summary),
                n.path("objective").asDouble(0.995), n.path("alpha").asDouble(0.1), n.path("min_history").asInt(10),
                channels, n.path("enabled").asBoolean(true));
    }

    private static Kind kind(String s) {
        for (Kind k : Kind.values()) {
            if (k.name().equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("The rule field 'kind' is '" + s + "' but must be one of threshold, slo, anomaly, budget.");
    }

    /** "channels": a list of routes, each "id", "id:critical" (a minimum severity) or "*" (every channel). */
    private static List<String> channels(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("The rule field 'channels' must be a list of texts such as \"ops-hook\", \"pager:critical\" or \"*\".");
        }
        v.forEach(c -> {
            if (!c.isTextual()) {
                throw new IllegalArgumentException("The rule field 'channels' must be a list of texts such as \"ops-hook\", \"pager:critical\" or \"*\".");
            }
            out.add(c.asText());
        });
        return out;
    }

    /**
     * Budget rules (kind "budget"). Their defaults differ from threshold rules': group "all", warning 0.9 /
     * critical 1.1 of budget_usd for spend, 1.5 / 2 for cost_per_call (factors of the baseline), 1.2 / 1.5 for
     * cost_vs_usage; range 1 h for cost_per_call and 24 h for cost_vs_usage (at most 3 days). budget_usd travels
     * in the record's objective (an SLO's objective, a spend rule's budget).
     */
    private static AlertRule budget(JsonNode n, String id, AlertMetric metric, Map<String, String> sel, List<String> channels) {
        boolean spend = metric == AlertMetric.SPEND_DAY || metric == AlertMetric.SPEND_MONTH;
        double defWarn = spend ? 0.9 : metric == AlertMetric.COST_PER_CALL ? 1.5 : 1.2;
        double defCrit = spend ? 1.1 : metric == AlertMetric.COST_PER_CALL ? 2.0 : 1.5;
        String defRange = metric == AlertMetric.COST_VS_USAGE ? "PT24H" : "PT1H";
        Double budget = number(n, "budget_usd", spend ? null : Double.valueOf(0));
        if (budget == null) {
            throw new IllegalArgumentException("Rule " + id + ": a " + metric.label() + " rule needs the field 'budget_usd' (USD).");
        }
        Duration range = duration(n, "range", defRange);
        if (metric == AlertMetric.COST_VS_USAGE && range.toHours() > MAX_GROWTH_RANGE_HOURS) {
            throw new IllegalArgumentException("Rule " + id + ": a cost_vs_usage range is at most PT72H, got " + range + ".");
        }
        String summary = spend
                ? "{{rule}}: {{metric}} of {{agent}}/{{model}}/{{operation}} is {{value}} USD (limit {{threshold}} USD)"
                : "{{rule}}: {{metric}} of {{agent}}/{{model}}/{{operation}} is {{value}} ({{comparator}} {{threshold}})";
        return new AlertRule(id, text(n, "name", id), Kind.BUDGET, metric, text(n, "group", "all"), sel,
                Comparator.GE, number(n, "warning", defWarn), number(n, "critical", defCrit),
                n.path("min_samples").asLong(1), range, duration(n, "for", "PT0S"),
                duration(n, "keep_firing_for", "PT0S"), text(n, "summary", summary), budget,
                n.path("alpha").asDouble(0.1), n.path("min_history").asInt(10), channels, n.path("enabled").asBoolean(true));
    }

    /** ">" for no_data and non-threshold rules, "<" for feedback_score (a score falling), else none (required). */
    private static String defaultComparator(Kind kind, AlertMetric metric) {
        if (metric == AlertMetric.NO_DATA || kind != Kind.THRESHOLD) {
            return ">";
        }
        return metric == AlertMetric.FEEDBACK_SCORE ? "<" : null;
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode().put("id", id).put("name", name).put("kind", kind.name().toLowerCase(Locale.ROOT))
                .put("metric", metric.label()).put("group", group).put("comparator", comparator.symbol);
        selector.forEach((k, v) -> o.with("selector").put(k, v));
        if (warning != null) {
            o.put("warning", warning);
        }
        if (critical != null) {
            o.put("critical", critical);
        }
        o.put("min_samples", minSamples).put("range", range.toString()).put("for", forDuration.toString())
                .put("keep_firing_for", keepFiringFor.toString()).put("summary", summary)
                .put("objective", objective).put("alpha", alpha).put("min_history", minHistory).put("enabled", enabled);
        channels.forEach(o.putArray("channels")::add);
        if (kind == Kind.BUDGET) {
            o.put("budget_usd", objective);
        }
        return o.toString();
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (dflt == null) {
                throw new IllegalArgumentException("A rule needs the field '" + field + "'.");
            }
            return dflt;
        }
        return v.asText();
    }

    private static Double number(JsonNode n, String field, Double dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("The rule field '" + field + "' must be a number, got " + v + ".");
        }
        return v.asDouble();
    }

    private static Duration duration(JsonNode n, String field, String dflt) {
        String s = text(n, field, dflt);
        try {
            return s.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(s)) : Duration.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The rule field '" + field + "' must be an ISO-8601 duration (PT5M) or seconds, got '" + s + "'.");
        }
    }
}
