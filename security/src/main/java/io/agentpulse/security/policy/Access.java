package io.agentpulse.security.policy;

import io.agentpulse.security.Principal;
import io.agentpulse.security.Role;
import io.agentpulse.security.Scope;

/** Who may call a route. Every route of a service declares exactly one. */
public enum Access {
    /** Anyone, no credentials (login page, assets, login, health, readiness, metrics). */
    PUBLIC,
    /** Viewer, operator and admin users, and keys with the read scope. */
    VIEWER,
    /** Operator and admin users. */
    OPERATOR,
    /** Admin users. */
    ADMIN,
    /** Keys with the ingest scope (the gateway). */
    INGEST;

    /** True when {@code p} (null = anonymous) may call a route declared with this access. */
    public boolean allows(Principal p) {
        return switch (this) {
            case PUBLIC -> true;
            case VIEWER -> p != null && (p.atLeast(Role.VIEWER) || p.has(Scope.READ));
            case OPERATOR -> p != null && p.atLeast(Role.OPERATOR);
            case ADMIN -> p != null && p.atLeast(Role.ADMIN);
            case INGEST -> p != null && p.has(Scope.INGEST);
        };
    }
}
