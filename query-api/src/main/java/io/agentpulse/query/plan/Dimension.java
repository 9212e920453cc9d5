package io.agentpulse.query.plan;

import java.util.Locale;

/** A rollup dimension, its column and the grp value that keeps only it. */
public enum Dimension {
    AGENT("agent_id", "agent"),
    MODEL("model", "model"),
    OPERATION("operation", "operation");

    private final String column;
    private final String grp;

    Dimension(String column, String grp) {
        this.column = column;
        this.grp = grp;
    }

    /** A fixed column name, safe to splice into SQL. */
    public String column() {
        return column;
    }

    public String grp() {
        return grp;
    }

    /** "agent", "model" or "operation"; null for "none" or an empty value. */
    public static Dimension parseOrNull(String s) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("none")) {
            return null;
        }
        for (Dimension d : values()) {
            if (d.grp.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("expected none, agent, model or operation");
    }
}
