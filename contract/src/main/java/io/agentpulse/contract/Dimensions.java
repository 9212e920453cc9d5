package io.agentpulse.contract;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The slicing dimensions of the contract (docs/CONTRACTS.md, "Dimensions"), declared once for the
 * processor, the gateway and the query API: which event fields and custom attributes rollups are
 * sliced by, and how a slice is written into a rollup's grp.
 *
 * <p>A slice of group g (agent, model, operation or all) by dimension d with value v is the group
 * {@code g@d=v} (v escaped by {@link KeyParts}): the same rows as g, counting only the events whose d
 * is v. An event without a value for d counts under {@value #NONE}, so the values of one dimension
 * always add up to the unsliced group. Built-in dimensions read event fields; a custom one reads the
 * event attribute of its name (the gateway copies OTLP span, then resource, attributes of that name).
 *
 * @param names     the dimensions, in the order given (built-ins and at most {@value #MAX_CUSTOM} custom)
 * @param maxValues distinct values kept per dimension and processor task; later new ones fold into _other
 */
public record Dimensions(List<String> names, int maxValues) {
    /** Dimensions read from event fields, not attributes. */
    public static final List<String> BUILT_IN = List.of("environment", "provider", "tool_name", "error_type");
    /**
     * The default set. error_type is opt-in: every successful call counts under its _none, so it mostly
     * doubles the unsliced groups; the errors view reads failures by type from every window anyway.
     */
    public static final List<String> DEFAULT = List.of("environment", "provider", "tool_name");
    public static final int MAX_CUSTOM = 5;
    public static final String NONE = "_none";
    public static final String OTHER = "_other";
    static final String VARIABLE = "AGENTPULSE_DIMENSIONS";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    /** Query parameters and key parts a custom dimension must not shadow (`?team=x` filters by team). */
    private static final Set<String> RESERVED = Set.of("agent", "agent_id", "model", "operation",
            "status", "kind", "range", "from", "to", "by", "compare", "granularity", "grp", "limit", "format",
            "step", "cursor", "trace_id", "span_id", "host", "dimension", "q", "sort", "order", "metric");

    public static final Dimensions NONE_CONFIGURED = new Dimensions(List.of(), 100);

    public Dimensions {
        names = List.copyOf(names);
        Set<String> seen = new LinkedHashSet<>();
        int custom = 0;
        for (String n : names) {
            if (!NAME.matcher(n).matches() || RESERVED.contains(n)) {
                throw new ConfigException(VARIABLE, VARIABLE + " names \"" + n + "\", which is not a usable dimension: a name is"
                        + " lower case letters, digits, '_' and '.', starts with a letter, and is none of " + RESERVED + ".");
            }
            if (!seen.add(n)) {
                throw new ConfigException(VARIABLE, VARIABLE + " names \"" + n + "\" twice.");
            }
            custom += BUILT_IN.contains(n) ? 0 : 1;
        }
        if (custom > MAX_CUSTOM) {
            throw new ConfigException(VARIABLE, VARIABLE + " declares " + custom + " custom attributes; at most " + MAX_CUSTOM
                    + " are allowed (each one adds four sliced groups to every window).");
        }
        if (maxValues < 1) {
            throw new ConfigException("AGENTPULSE_DIMENSION_MAX_VALUES", "AGENTPULSE_DIMENSION_MAX_VALUES must be at least 1.");
        }
    }

    /** AGENTPULSE_DIMENSIONS (default: {@link #DEFAULT}; "none": no slicing) and AGENTPULSE_DIMENSION_MAX_VALUES. */
    public static Dimensions fromEnv(Env env) {
        List<String> names = env.list(VARIABLE, DEFAULT);
        return new Dimensions(names.equals(List.of("none")) ? List.of() : names,
                env.integer("AGENTPULSE_DIMENSION_MAX_VALUES", 100, 1, 100_000));
    }

    public static Dimensions fromEnv(Map<String, String> vars) {
        return fromEnv(Env.of(vars));
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /** The event's value of dimension {@code names().get(i)}, or {@value #NONE} when it has none. */
    public String value(AgentEvent e, int i) {
        String n = names.get(i);
        CharSequence v = switch (n) {
            case "environment" -> e.getEnvironment();
            case "provider" -> e.getProvider();
            case "tool_name" -> e.getToolName();
            case "error_type" -> e.getErrorType();
            default -> e.getAttributes() == null ? null : e.getAttributes().get(n);
        };
        return v == null || v.isEmpty() ? NONE : v.toString();
    }

    /** The grp of group {@code group}'s slice where {@code dimension} is {@code value}. */
    public static String slice(String group, String dimension, String value) {
        return group + '@' + dimension + '=' + KeyParts.escape(value);
    }

    /** The grp of every slice of {@code group} by {@code dimension} starts with this. */
    public static String slicePrefix(String group, String dimension) {
        return group + '@' + dimension + '=';
    }

    /** A grp split into its group and, for a slice, dimension and (unescaped) value. */
    public record Slice(String group, String dimension, String value) {
        public boolean sliced() {
            return dimension != null;
        }
    }

    /** Reads a grp back: "agent" -> (agent, null, null); "agent@environment=prod" -> (agent, environment, prod). */
    public static Slice parse(String grp) {
        int at = grp.indexOf('@');
        if (at < 0) {
            return new Slice(grp, null, null);
        }
        int eq = grp.indexOf('=', at);
        if (eq < 0) {
            throw new IllegalArgumentException("A sliced grp has the form group@dimension=value, not " + grp + ".");
        }
        return new Slice(grp.substring(0, at), grp.substring(at + 1, eq), KeyParts.unescape(grp.substring(eq + 1)));
    }

    /** The custom dimensions (those read from attributes), for the gateway's OTLP mapping. */
    public List<String> custom() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!BUILT_IN.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Selector labels of alert rules that every series has; any other label is a dimension. */
    public static final Set<String> CORE_LABELS = Set.of("agent", "model", "operation");

    /**
     * Why these alert-rule selector labels are not valid (null when they are): agent, model, operation
     * and at most one dimension, which makes the rule evaluate that dimension's slices (one per value).
     * One check for the processor's rules and the query API's rule routes.
     */
    public static String selectorProblem(java.util.Collection<String> labels) {
        List<String> dims = new ArrayList<>();
        for (String l : labels) {
            if (CORE_LABELS.contains(l)) {
                continue;
            }
            if (!NAME.matcher(l).matches() || RESERVED.contains(l)) {
                return "unknown selector label '" + l + "'; expected agent, model, operation or a dimension name";
            }
            dims.add(l);
        }
        return dims.size() > 1 ? "a rule selects by at most one dimension besides agent, model and operation, got " + dims : null;
    }

    /** The dimension a rule's selector names (see {@link #selectorProblem}), or null. */
    public static String selectedDimension(java.util.Collection<String> labels) {
        for (String l : labels) {
            if (!CORE_LABELS.contains(l)) {
                return l;
            }
        }
        return null;
    }
}
