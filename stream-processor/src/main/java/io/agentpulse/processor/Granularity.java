package io.agentpulse.processor;

import java.time.Duration;
import java.util.Locale;

/**
 * A tumbling window size with its label in rollup keys and table names (rollup_1m ...). Each size
 * divides the next coarser one, so a coarse window is exactly the union of finer ones (the query
 * planner relies on it). Weeks and 4-week windows are aligned on the epoch like the others: they
 * start on a Thursday 00:00 UTC (1970-01-01 was a Thursday).
 */
public enum Granularity {
    MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1)),
    WEEK("1w", Duration.ofDays(7)),
    FOUR_WEEKS("4w", Duration.ofDays(28));

    /** "1m, 5m, 1h, 1d, 1w, 4w": for messages. */
    public static final String LABELS = "1m, 5m, 1h, 1d, 1w, 4w";

    private final String label;
    private final long sizeMs;

    Granularity(String label, Duration size) {
        this.label = label;
        this.sizeMs = size.toMillis();
    }

    public String label() {
        return label;
    }

    /** Window length in milliseconds; windows are aligned on the epoch (UTC). */
    public long sizeMs() {
        return sizeMs;
    }

    public long windowStart(long eventTimeMs) {
        return Math.floorDiv(eventTimeMs, sizeMs) * sizeMs;
    }

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
