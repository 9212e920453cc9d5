package io.agentpulse.contract;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A tumbling window size with its label in rollup keys and its table (rollup_1m ...), finest first:
 * the processor writes these windows, the query API plans over these tables. Each size divides the
 * next coarser one, so a coarse window is exactly the union of finer ones (the query planner relies on
 * it). Windows are aligned on the epoch (UTC days have no DST); weeks and 4-week windows start on a
 * Thursday 00:00 UTC (1970-01-01 was a Thursday).
 */
public enum Granularity {
    MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1)),
    WEEK("1w", Duration.ofDays(7)),
    FOUR_WEEKS("4w", Duration.ofDays(28));

    /** "1m, 5m, 1h, 1d, 1w, 4w": for messages. */
    public static final String LABELS = labels(", ");

    private final String label;
    private final long millis;

    Granularity(String label, Duration size) {
        this.label = label;
        this.millis = size.toMillis();
    }

    public String label() {
        return label;
    }

    /** The rollup table of this size: a fixed identifier, safe to splice into SQL (never user input). */
    public String table() {
        return "rollup_" + label;
    }

    /** Window length in milliseconds; windows are aligned on the epoch (UTC). */
    public long millis() {
        return millis;
    }

    public long windowStart(long eventTimeMs) {
        return Math.floorDiv(eventTimeMs, millis) * millis;
    }

    /** The labels finest first, comma-separated, the last one joined with {@code last} (", " or " and "). */
    public static String labels(String last) {
        String all = Arrays.stream(values()).map(Granularity::label).collect(Collectors.joining(", "));
        int cut = all.lastIndexOf(", ");
        return all.substring(0, cut) + last + all.substring(cut + 2);
    }

    /** Parses a label of {@link #LABELS} (case and surrounding blanks ignored). */
    public static Granularity ofLabel(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (Granularity g : values()) {
            if (g.label.equals(l)) {
                return g;
            }
        }
        throw new IllegalArgumentException("Granularity '" + label + "' is unknown; expected one of " + LABELS + ".");
    }
}
