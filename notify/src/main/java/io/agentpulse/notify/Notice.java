package io.agentpulse.notify;

import java.time.Instant;
import java.util.Map;

/**
 * What a channel is told: one alert transition (state FIRING or RESOLVED) or a test (state TEST).
 * severity: CRITICAL, WARNING or INFO; endsAt, value and threshold may be null.
 */
public record Notice(String fingerprint, String ruleId, String ruleName, String state, String severity, String summary,
                     Instant startsAt, Instant endsAt, Map<String, String> labels, Double value, Double threshold) {
    public Notice {
        labels = Map.copyOf(labels);
    }

    /** The notice a test-send delivers: no rule, severity INFO, fingerprint "test". */
    public static Notice test(Instant now, String by) {
        return new Notice("test", "test", "Agent Pulse test notification", "TEST", "INFO",
                "A test sent by " + by + " from the Alerts view; no action is needed.", now, null, Map.of(), null, null);
    }

    public boolean resolved() {
        return "RESOLVED".equals(state);
    }

    /** One key per alert firing (PagerDuty dedup_key): the resolve closes the incident the trigger opened. */
    public String dedupKey() {
        return fingerprint + "@" + startsAt;
    }
}
