package io.agentpulse.processor.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentpulse.avro.AlertEvent;
import java.util.Locale;
import java.util.Map;

/** Request bodies: the generic JSON of an alert, and a Slack-compatible incoming-webhook body. */
public final class Webhooks {
    static final ObjectMapper JSON = new ObjectMapper();

    private Webhooks() {}

    public enum Kind { WEBHOOK, SLACK }

    public static String body(Kind kind, AlertEvent e) {
        return kind == Kind.SLACK ? slack(e) : generic(e);
    }

    static String generic(AlertEvent e) {
        ObjectNode o = JSON.createObjectNode().put("fingerprint", e.getFingerprint()).put("rule_id", e.getRuleId())
                .put("rule_name", e.getRuleName()).put("state", e.getState().name()).put("severity", e.getSeverity().name())
                .put("summary", e.getSummary()).put("starts_at", e.getStartsAt().toString())
                .put("ends_at", e.getEndsAt() == null ? null : e.getEndsAt().toString())
                .put("emitted_at", e.getEmittedAt().toString());
        o.putPOJO("value", e.getValue());
        o.putPOJO("threshold", e.getThreshold());
        ObjectNode labels = o.putObject("labels");
        e.getLabels().forEach(labels::put);
        return o.toString();
    }

    static String slack(AlertEvent e) {
        String icon = switch (e.getState()) {
            case FIRING -> e.getSeverity().name().equals("CRITICAL") ? ":red_circle:" : ":large_orange_circle:";
            case RESOLVED -> ":white_check_mark:";
            default -> ":grey_question:";
        };
        String text = icon + " *[" + e.getState().name() + (e.getState().name().equals("FIRING") ? ":" + e.getSeverity().name() : "")
                + "] " + e.getRuleName() + "*\n" + (e.getSummary() == null ? "" : e.getSummary())
                + "\n`" + e.getFingerprint() + "` since " + e.getStartsAt();
        return JSON.createObjectNode().put("text", text).toString();
    }

    static String labelsJson(AlertEvent e) {
        ObjectNode labels = JSON.createObjectNode();
        for (Map.Entry<String, String> l : e.getLabels().entrySet()) {
            labels.put(l.getKey(), l.getValue());
        }
        return labels.toString();
    }

    static Kind kind(String s) {
        return Kind.valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
