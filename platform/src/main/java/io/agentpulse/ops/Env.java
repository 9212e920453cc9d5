package io.agentpulse.ops;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reading of {@code AGENTPULSE_*} settings. An unset or blank variable means
 * "use the default" (compose files often set a variable to nothing); any other value must parse
 * and lie in range, or a {@link ConfigException} names the variable, the value and what is
 * expected.
 */
public final class Env {
    private static final String PREFIX = "AGENTPULSE_";
    /** 30s, 15m, 1h, 500ms, 2d: one whole number and one unit. */
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
    private static final String DURATION_FORMS = "a duration such as 500ms, 30s, 15m, 1h, 2d or ISO-8601 PT30S";

    private final Map<String, String> vars;

    private Env(Map<String, String> vars) {
        // Not copied: every read is a get() on the caller's map, so Settings.namesRead can see what a build reads.
        this.vars = Objects.requireNonNull(vars, "vars");
    }

    /** Usually {@code Env.of(Settings.process())}; {@code vars} must not change while this Env is in use. */
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
        String expected = "a whole number between " + min + " and " + max;
        long value;
        try {
            value = Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(name, raw, expected);
        }
        if (value < min || value > max) {
            throw bad(name, raw, expected);
        }
        return value;
    }

    public double decimal(String name, double defaultValue, double min, double max) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        String expected = "a number between " + min + " and " + max;
        try {
            double value = Double.parseDouble(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, raw, expected);
    }

    /** Accepts 500ms, 30s, 15m, 1h, 2d or ISO-8601 (PT30S, P1D); never negative. */
    public Duration duration(String name, Duration defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        Duration d = parseDuration(raw.toLowerCase(Locale.ROOT));
        if (d == null || d.isNegative()) {
            throw bad(name, raw, DURATION_FORMS);
        }
        return d;
    }

    /** Accepts true/false, yes/no, on/off, 1/0 in any case. */
    public boolean bool(String name, boolean defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw bad(name, raw, "true or false (also yes/no, on/off, 1/0)");
        }
    }

    public Path path(String name, Path defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw bad(name, raw, "a file system path (" + e.getReason() + ")");
        }
    }

    /** Comma-separated; items are trimmed and empty ones dropped. */
    public List<String> list(String name, List<String> defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String raw(String name) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Setting names start with " + PREFIX + ", got " + name + ".");
        }
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Duration parseDuration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ConfigException bad(String name, String raw, String expected) {
        return new ConfigException(name, name + " is set to \"" + raw + "\", which is not valid; expected " + expected + ".");
    }
}
