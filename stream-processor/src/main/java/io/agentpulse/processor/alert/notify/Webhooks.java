package io.agentpulse.processor.alert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.notify.Notice;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** JSON helpers of the notify package, and the channel-neutral {@link Notice} of an alert event. */
final class Webhooks {
    static final ObjectMapper JSON = new ObjectMapper();

    private Webhooks() {}

    static Notice notice(AlertEvent e) {
        return new Notice(e.getFingerprint(), e.getRuleId(), e.getRuleName(), e.getState().name(), e.getSeverity().name(),
                e.getSummary(), e.getStartsAt(), e.getEndsAt(), e.getLabels(), e.getValue(), e.getThreshold());
    }

    static String labelsJson(AlertEvent e) {
        ObjectNode labels = JSON.createObjectNode();
        for (Map.Entry<String, String> l : e.getLabels().entrySet()) {
            labels.put(l.getKey(), l.getValue());
        }
        return labels.toString();
    }

    /** A JSON object of strings (a channel's settings or secrets column) as a map; null reads as empty. */
    static Map<String, String> strings(String json) throws java.io.IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (json != null) {
            JSON.readTree(json).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
        }
        return m;
    }

    static String severity(AlertEvent e) {
        return e.getSeverity().name().toUpperCase(Locale.ROOT);
    }
}
