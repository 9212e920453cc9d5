package io.agentpulse.processor.alert;

import io.agentpulse.ops.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of alert evaluation, history and notification (AGENTPULSE_ALERTS_*, AGENTPULSE_NOTIFIER_*;
 * see RATIONALE-alerts.md). Part of ProcessorConfig; a bad value throws a ConfigException with a full sentence.
 *
 * @param evalInterval    wall-clock period of the punctuator (silent series, `for`, keep_firing_for)
 * @param staleAfter      rollup snapshots older than this (wall clock) are not evaluated (replays)
 * @param webhookUrl      the default channel's URL, when set (generic JSON)
 * @param maxAttempts     delivery attempts per notification before it is logged as failed
 * @param backoff         first retry delay; doubles per attempt
 */
public record AlertConfig(boolean enabled, Duration evalInterval, Duration staleAfter, boolean notifierEnabled,
                          String notifierGroup, String historyGroup, Optional<URI> webhookUrl, int maxAttempts,
                          Duration backoff, Duration sendTimeout) {

    public static AlertConfig defaults() {
        return fromEnv(Map.of());
    }

    public static AlertConfig fromEnv(Map<String, String> env) {
        return new AlertConfig(
                bool(env, "AGENTPULSE_ALERTS_ENABLED", true),
                duration(env, "AGENTPULSE_ALERTS_EVAL_INTERVAL", "PT1S"),
                duration(env, "AGENTPULSE_ALERTS_STALE_AFTER", "PT2M"),
                bool(env, "AGENTPULSE_NOTIFIER_ENABLED", true),
                string(env, "AGENTPULSE_NOTIFIER_GROUP_ID", "agentpulse-notifier"),
                string(env, "AGENTPULSE_ALERT_HISTORY_GROUP_ID", "agentpulse-alert-history"),
                Optional.ofNullable(env.get("AGENTPULSE_NOTIFIER_WEBHOOK_URL")).filter(s -> !s.isBlank()).map(s -> url(s)),
                integer(env, "AGENTPULSE_NOTIFIER_MAX_ATTEMPTS", 5),
                duration(env, "AGENTPULSE_NOTIFIER_BACKOFF", "PT0.5S"),
                duration(env, "AGENTPULSE_NOTIFIER_TIMEOUT", "PT5S"));
    }

    AlertConfig withEvalInterval(Duration d) {
        return new AlertConfig(enabled, d, staleAfter, notifierEnabled, notifierGroup, historyGroup, webhookUrl, maxAttempts, backoff, sendTimeout);
    }

    private static URI url(String s) {
        try {
            URI u = URI.create(s.trim());
            if (u.getScheme() != null && u.getScheme().startsWith("http")) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigException("AGENTPULSE_NOTIFIER_WEBHOOK_URL", "AGENTPULSE_NOTIFIER_WEBHOOK_URL is '" + s + "' but must be an http(s) URL.");
    }

    private static String string(Map<String, String> env, String name, String dflt) {
        String v = env.get(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static boolean bool(Map<String, String> env, String name, boolean dflt) {
        String v = string(env, name, Boolean.toString(dflt)).toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(name, name + " is '" + v + "' but must be true or false.");
        }
        return Boolean.parseBoolean(v);
    }

    private static int integer(Map<String, String> env, String name, int dflt) {
        String v = string(env, name, Integer.toString(dflt));
        try {
            int i = Integer.parseInt(v);
            if (i > 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name, name + " is '" + v + "' but must be a positive integer.");
    }

    private static Duration duration(Map<String, String> env, String name, String dflt) {
        String v = string(env, name, dflt);
        try {
            Duration d = v.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(v)) : Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException(name, name + " is '" + v + "' but must be a positive ISO-8601 duration (PT1S) or milliseconds.");
    }
}
