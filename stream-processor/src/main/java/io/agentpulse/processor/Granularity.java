package io.agentpulse.processor;

import java.time.Duration;
import java.util.Locale;

/** A tumbling window size with its label in rollup keys and table names (rollup_1m ...). */
public enum Granularity {
    MINUTE("1m", Duration.ofMinutes(1)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

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
        throw new IllegalArgumentException("Granularity '" + label + "' is unknown; expected one of 1m, 1h, 1d.");
    }
}
