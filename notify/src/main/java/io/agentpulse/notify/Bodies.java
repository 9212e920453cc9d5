package io.agentpulse.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** What each channel type is sent: the generic webhook JSON, Slack's incoming-webhook JSON, PagerDuty Events v2, e-mail text. */
public final class Bodies {
    static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {}

    public static String webhook(Notice n) {
        ObjectNode o = JSON.createObjectNode().put("fingerprint", n.fingerprint()).put("rule_id", n.ruleId())
                .put("rule_name", n.ruleName()).put("state", n.state()).put("severity", n.severity())
                .put("summary", n.summary()).put("starts_at", n.startsAt().toString())
                .put("ends_at", n.endsAt() == null ? null : n.endsAt().toString());
        o.putPOJO("value", n.value());
        o.putPOJO("threshold", n.threshold());
        ObjectNode labels = o.putObject("labels");
        n.labels().forEach(labels::put);
        return o.toString();
    }

    public static String slack(Notice n) {
        String icon = switch (n.state()) {
            case "FIRING" -> n.severity().equals("CRITICAL") ? ":red_circle:" : ":large_orange_circle:";
            case "RESOLVED" -> ":white_check_mark:";
            default -> ":information_source:";
        };
        return JSON.createObjectNode().put("text", icon + " *" + title(n) + "*\n" + (n.summary() == null ? "" : n.summary())
                + "\n`" + n.fingerprint() + "` since " + n.startsAt()).toString();
    }

    /** Events API v2: trigger on FIRING (and TEST), resolve on RESOLVED, one dedup_key per firing. */
    public static String pagerduty(Notice n, String routingKey) {
        ObjectNode o = JSON.createObjectNode().put("routing_key", routingKey)
                .put("event_action", n.resolved() ? "resolve" : "trigger").put("dedup_key", n.dedupKey());
        if (!n.resolved()) {
            ObjectNode p = o.putObject("payload").put("summary", title(n) + (n.summary() == null ? "" : ": " + n.summary()))
                    .put("source", "agentpulse").put("severity", n.severity().toLowerCase(Locale.ROOT))
                    .put("timestamp", n.startsAt().toString()).put("component", n.labels().getOrDefault("agent", "agentpulse"));
            ObjectNode details = p.putObject("custom_details").put("rule_id", n.ruleId());
            details.putPOJO("value", n.value());
            details.putPOJO("threshold", n.threshold());
            n.labels().forEach(details::put);
        }
        return o.toString();
    }

    /** "[FIRING:CRITICAL] p95 latency", "[RESOLVED] p95 latency", "[TEST] ...". */
    public static String title(Notice n) {
        return "[" + n.state() + ("FIRING".equals(n.state()) ? ":" + n.severity() : "") + "] " + n.ruleName();
    }

    public static String emailText(Notice n) {
        StringBuilder b = new StringBuilder(title(n)).append("\n\n");
        if (n.summary() != null) {
            b.append(n.summary()).append("\n\n");
        }
        b.append("rule: ").append(n.ruleId()).append("\nfingerprint: ").append(n.fingerprint())
                .append("\nsince: ").append(n.startsAt()).append('\n');
        if (n.endsAt() != null) {
            b.append("ended: ").append(n.endsAt()).append('\n');
        }
        n.labels().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }
}
