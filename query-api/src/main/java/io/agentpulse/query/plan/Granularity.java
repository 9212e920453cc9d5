package io.agentpulse.query.plan;

import java.util.Locale;

/**
 * The rollup tables, finest first. Window sizes in milliseconds (UTC days have no DST); windows
 * are aligned on the epoch, weeks start on Thursday 00:00 UTC. Each size divides the next one.
 */
public enum Granularity {
    MINUTE("1m", "rollup_1m", 60_000L),
    FIVE_MINUTES("5m", "rollup_5m", 300_000L),
    HOUR("1h", "rollup_1h", 3_600_000L),
    DAY("1d", "rollup_1d", 86_400_000L),
    WEEK("1w", "rollup_1w", 604_800_000L),
    FOUR_WEEKS("4w", "rollup_4w", 2_419_200_000L);

    /** For messages. */
    public static final String LABELS = "1m, 5m, 1h, 1d, 1w and 4w";

    private final String label;
    private final String table;
    private final long millis;

    Granularity(String label, String table, long millis) {
        this.label = label;
        this.table = table;
        this.millis = millis;
    }

    public String label() {
        return label;
    }

    /** A fixed identifier, safe to splice into SQL (never user input). */
    public String table() {
        return table;
    }

    public long millis() {
        return millis;
    }

    /** Parses a label of {@link #LABELS}. */
    public static Granularity parse(String label) {
        for (Granularity g : values()) {
            if (g.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown granularity '" + label + "' (expected one of " + LABELS + ")");
    }
}
