package io.agentpulse.notify;

import java.util.Locale;
import java.util.Map;

/**
 * A notification channel as stored: plain settings (shown by the API) and secrets (write-only: Slack
 * webhook URLs, PagerDuty routing keys, SMTP passwords, webhook signing keys), both string maps.
 */
public record Channel(String id, String name, Type type, Map<String, String> settings, Map<String, String> secrets) {
    public Channel {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    public enum Type {
        WEBHOOK, SLACK, PAGERDUTY, EMAIL;

        /** The lower-case name used in JSON and in the database. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String s) {
            for (Type t : values()) {
                if (t.wire().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("type: '" + s + "' is not a channel type; use webhook, slack, pagerduty or email.");
        }
    }

    public String setting(String key, String fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The error text with every secret value replaced, so that no secret reaches a log or the deliveries table. */
    public String redact(String text) {
        String out = text;
        for (String s : secrets.values()) {
            if (out != null && s != null && !s.isEmpty()) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }
}
