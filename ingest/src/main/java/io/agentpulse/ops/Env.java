package io.agentpulse.ops;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** TEMPORARY stand-in (ingest module) until schemas' io.agentpulse.ops lands on main; delete then. */
public final class Env {
    private final Map<String, String> vars;

    private Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public static Env of(Map<String, String> vars) {
        return new Env(vars);
    }

    public String string(String name, String defaultValue) {
        String raw = raw(name);
        return raw == null ? defaultValue : raw;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return (int) longValue(name, defaultValue, min, max);
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad(name, raw, "a whole number between " + min + " and " + max);
    }

    public Duration duration(String name, Duration defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        String s = raw.toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            switch (s.charAt(s.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (RuntimeException e) {
            // below
        }
        throw bad(name, raw, "a duration such as 500ms, 30s, 15m, 1h, 2d");
    }

    private String raw(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static ConfigException bad(String name, String raw, String expected) {
        return new ConfigException(name, name + " is set to \"" + raw + "\", which is not valid; expected " + expected + ".");
    }
}
