package io.agentpulse.query.plan;

import java.util.Locale;

/** The rollup tables, finest first. Window sizes in milliseconds (UTC days have no DST). */
public enum Granularity {
    MINUTE("1m", "rollup_1m", 60_000L),
    HOUR("1h", "rollup_1h", 3_600_000L),
    DAY("1d", "rollup_1d", 86_400_000L);

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

    /** Parses "1m", "1h" or "1d". */
    public static Granularity parse(String label) {
        for (Granularity g : values()) {
            if (g.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown granularity '" + label + "' (expected 1m, 1h or 1d)");
    }
}
