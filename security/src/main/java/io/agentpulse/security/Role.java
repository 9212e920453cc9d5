package io.agentpulse.security;

import java.util.Locale;

/**
 * A user's role. Each role includes everything the roles after it may do:
 * admin (users, keys, audit) > operator (acknowledge, silence, rules, dashboards) > viewer (read).
 */
public enum Role {
    ADMIN, OPERATOR, VIEWER;

    /** True when this role may do what {@code needed} may do. */
    public boolean atLeast(Role needed) {
        return ordinal() <= needed.ordinal();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "admin" / "operator" / "viewer"; anything else is an IllegalArgumentException naming the choices. */
    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.wire().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of admin, operator, viewer, not '" + s + "'");
    }
}
