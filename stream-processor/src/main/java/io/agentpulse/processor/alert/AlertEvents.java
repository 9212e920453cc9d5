package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.KeyParts;
import io.agentpulse.contract.RollupKey;
import io.agentpulse.processor.alert.AlertStateMachine.Transition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the AlertEvent of a transition. The fingerprint is a hash of (rule id, series key). */
final class AlertEvents {
    private AlertEvents() {}

    static String fingerprint(String ruleId, String seriesKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((ruleId + '\u0000' + seriesKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The label naming the dimension of a sliced series (its value is under the dimension's own name). */
    static final String DIMENSION = AlertRule.DIMENSION;

    /**
     * Labels of a series key grp|agent|model|operation (parts escaped by {@link KeyParts}); a slice
     * (grp agent@environment=prod) reads grp "agent", dimension "environment", environment "prod".
     */
    static Map<String, String> labels(String seriesKey) {
        RollupKey.Series p = RollupKey.parseSeries(seriesKey);
        Map<String, String> m = new LinkedHashMap<>();
        Dimensions.Slice slice = Dimensions.parse(p.grp());
        m.put("grp", slice.group());
        if (slice.sliced()) {
            m.put(DIMENSION, slice.dimension());
            m.put(slice.dimension(), slice.value());
        }
        m.put("agent", p.agent());
        m.put("model", p.model());
        m.put("operation", p.operation());
        return m;
    }

    /**
     * @param prev the state before the step (a cancelled pending alert keeps its start there)
     * @param next the state after it
     */
    static AlertEvent build(AlertRule rule, String seriesKey, Transition t, AlertInstance prev, AlertInstance next, long now) {
        return build(rule, seriesKey, labels(seriesKey), t, prev, next, now);
    }

    /** As above with the instance's labels given (host rules: grp = host, host = its name). */
    static AlertEvent build(AlertRule rule, String seriesKey, Map<String, String> labels, Transition t, AlertInstance prev,
                            AlertInstance next, long now) {
        AlertInstance s = t == Transition.PENDING_CANCELLED ? prev : next;
        labels.put("metric", rule.metric().label());
        labels.put("kind", rule.kind().name().toLowerCase(java.util.Locale.ROOT));
        labels.put("transition", t.name().toLowerCase(java.util.Locale.ROOT));
        labels.put("active_since", Long.toString(s.pendingSince()));
        AlertState state = switch (t) {
            case PENDING, PENDING_CANCELLED -> AlertState.PENDING;
            case FIRING, ESCALATED -> AlertState.FIRING;
            case RESOLVED -> AlertState.RESOLVED;
        };
        long start = state == AlertState.PENDING ? s.pendingSince() : s.firingSince();
        Long end = t == Transition.RESOLVED ? Long.valueOf(s.resolvedAt()) : t == Transition.PENDING_CANCELLED ? Long.valueOf(now) : null;
        return AlertEvent.newBuilder()
                .setFingerprint(fingerprint(rule.id(), seriesKey)).setRuleId(rule.id()).setRuleName(rule.name())
                .setState(state)
                .setSeverity(s.severity() == AlertStateMachine.Severity.CRITICAL ? Severity.CRITICAL : Severity.WARNING)
                .setLabels(labels).setValue(finite(s.value())).setThreshold(finite(s.threshold()))
                .setSummary(summary(rule, labels, s))
                .setStartsAt(Instant.ofEpochMilli(start)).setEndsAt(end == null ? null : Instant.ofEpochMilli(end))
                .setEmittedAt(Instant.ofEpochMilli(now)).build();
    }

    static String summary(AlertRule rule, Map<String, String> labels, AlertInstance s) {
        String out = rule.summary().replace("{{rule}}", rule.name()).replace("{{metric}}", rule.metric().label())
                .replace("{{comparator}}", rule.comparator().symbol())
                .replace("{{value}}", fmt(s.value())).replace("{{threshold}}", fmt(s.threshold()))
                .replace("{{severity}}", String.valueOf(s.severity()).toLowerCase(java.util.Locale.ROOT));
        for (Map.Entry<String, String> e : labels.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v) : String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
